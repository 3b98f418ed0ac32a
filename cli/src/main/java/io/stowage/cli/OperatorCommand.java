package io.stowage.cli;

import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.operator.OperatorConfig;
import io.stowage.kube.operator.OperatorProcess;
import io.stowage.kube.operator.ProvisioningConfig;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.FrontEnd;
import io.stowage.kube.pvci.PvciSettings;
import io.stowage.kube.pvci.VolumeSize;
import io.stowage.server.ServerConfig;
import io.stowage.server.logging.LogSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `stowage operator`: the Kubernetes operator of ObjectStore resources. */
@Command(name = "operator",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ServerDefaults.class,
        description = {"Runs the Kubernetes operator: reconciles ObjectStore resources into Stowage servers, and provisions"
                + " buckets for ObjectBucketClaims, annotated Secrets and COSI (--provisioners).",
                "It connects with the pod's service account, or else the kubeconfig ($KUBECONFIG, ~/.kube/config).",
                "Every option --NAME can also be set by the environment variable STOWAGE_NAME (dashes as underscores)."})
final class OperatorCommand implements Callable<Integer> {

    @Option(names = "--namespaces", paramLabel = "NS", split = ",",
            description = "Namespaces whose ObjectStores to reconcile, comma-separated (env STOWAGE_NAMESPACES)."
                    + " Default: all namespaces")
    List<String> namespaces = List.of();

    @Option(names = "--leader-election", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            defaultValue = "true",
            description = "Elect one active replica through a Lease, so that several can run (env STOWAGE_LEADER_ELECTION)."
                    + " Default: ${DEFAULT-VALUE}")
    boolean leaderElection;

    @Option(names = "--lease-name", paramLabel = "NAME", defaultValue = OperatorConfig.DEFAULT_LEASE_NAME,
            description = "The leader election Lease (env STOWAGE_LEASE_NAME). Default: ${DEFAULT-VALUE}")
    String leaseName;

    @Option(names = "--lease-namespace", paramLabel = "NS",
            description = "Namespace of the Lease (env STOWAGE_LEASE_NAMESPACE). Default: the operator's own")
    String leaseNamespace;

    @Option(names = "--default-image", paramLabel = "IMAGE",
            description = "Server image of ObjectStores that name none (env STOWAGE_DEFAULT_IMAGE)."
                    + " Default: " + OperatorConfig.IMAGE_REPOSITORY + " at this build's version")
    String defaultImage;

    @Option(names = "--provisioners", paramLabel = "LIST", split = ",",
            description = "Bucket provisioners to run, comma-separated: obc (ObjectBucketClaims), secret (annotated"
                    + " Secrets), cosi (COSI sidecar mode), populator (PVCs with a BucketSource dataSourceRef),"
                    + " gitops (S3Bucket and S3User resources) (env STOWAGE_PROVISIONERS). Each needs its CRDs, which the"
                    + " Helm chart installs. Default: none")
    List<String> provisioners = List.of();

    @Option(names = "--default-backend", paramLabel = "NS/NAME",
            description = "Backend Secret of annotated Secrets and BucketClasses that name none"
                    + " (env STOWAGE_DEFAULT_BACKEND). Default: none")
    String defaultBackend;

    @Option(names = "--cosi-driver-name", paramLabel = "NAME", defaultValue = ProvisioningConfig.DEFAULT_COSI_DRIVER_NAME,
            description = "Driver name of the COSI classes Stowage serves (env STOWAGE_COSI_DRIVER_NAME)."
                    + " Default: ${DEFAULT-VALUE}")
    String cosiDriverName;

    @Option(names = "--cosi-controller", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            defaultValue = "false",
            description = "Also turn BucketClaims into Buckets, for clusters without the upstream COSI controller"
                    + " (env STOWAGE_COSI_CONTROLLER). Default: ${DEFAULT-VALUE}")
    boolean cosiController;

    @Option(names = "--populator-image-pull-secrets", paramLabel = "NAME", split = ",",
            description = "Secrets of the operator's namespace the volume populator's pods pull their image with"
                    + " (env STOWAGE_POPULATOR_IMAGE_PULL_SECRETS). Default: none")
    List<String> populatorPullSecrets = new ArrayList<>();

    @Option(names = "--metrics-address", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9090",
            description = "Address /metrics (Prometheus) and /health/live, /health/ready are served on, without"
                    + " authentication (env STOWAGE_METRICS_ADDRESS). Default: ${DEFAULT-VALUE}")
    String metricsAddress;

    @Option(names = "--pvci-address", paramLabel = "HOST:PORT",
            description = "Serve the PVCi-compatible API (POST /size, /create, /status) here; needs the populator"
                    + " provisioner and --pvci-token-file (env STOWAGE_PVCI_ADDRESS). Default: off")
    String pvciAddress;

    @Option(names = "--pvci-token-file", paramLabel = "FILE",
            description = "File holding the bearer token PVCi API requests must carry (env STOWAGE_PVCI_TOKEN_FILE)")
    Path pvciTokenFile;

    @Option(names = "--pvci-volume-overage-pct", paramLabel = "PCT",
            defaultValue = "" + VolumeSize.DEFAULT_OVERAGE_PERCENT,
            description = "How much larger than the data /create makes a claim, in percent"
                    + " (env STOWAGE_PVCI_VOLUME_OVERAGE_PCT). Default: ${DEFAULT-VALUE}")
    int pvciOveragePercent;

    @Mixin
    LogOptions log = new LogOptions();

    @Override
    public Integer call() throws InterruptedException {
        OperatorConfig config;
        InetSocketAddress metrics;
        Optional<PvciSettings> pvci;
        try {
            log.apply(false);
            config = config();
            metrics = metricsAddress();
            pvci = pvci(config);
        } catch (IllegalArgumentException e) {
            System.err.println("stowage operator: " + e.getMessage());
            return 2;
        }
        OperatorProcess operator;
        try {
            operator = OperatorProcess.start(config, metrics, pvci);
        } catch (IOException | RuntimeException e) {
            System.err.println("stowage operator: could not start: " + innermostMessage(e));
            return 1;
        }
        ShutdownSignals.install(operator::close).awaitStopped();
        LogSetup.flush();
        return 0;
    }

    /** The Kubernetes client's failures arrive wrapped several times; the innermost message says most. */
    private static String innermostMessage(Throwable e) {
        String message = e.toString();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    InetSocketAddress metricsAddress() {
        return ServerConfig.parseAddress(metricsAddress, "--metrics-address");
    }

    Optional<PvciSettings> pvci(OperatorConfig config) {
        if (pvciAddress == null || pvciAddress.isBlank()) {
            return Optional.empty();
        }
        if (!config.provisioning().runs(FrontEnd.POPULATOR)) {
            throw new IllegalArgumentException("--pvci-address needs the populator provisioner (--provisioners)");
        }
        if (pvciTokenFile == null) {
            throw new IllegalArgumentException("--pvci-address needs --pvci-token-file");
        }
        String token;
        try {
            token = Files.readString(pvciTokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("--pvci-token-file: cannot read " + pvciTokenFile + ": " + e.getMessage());
        }
        return Optional.of(new PvciSettings(ServerConfig.parseAddress(pvciAddress, "--pvci-address"), token,
                pvciOveragePercent));
    }

    OperatorConfig config() {
        LinkedHashSet<String> watched = new LinkedHashSet<>();
        namespaces.stream().map(String::strip).filter(n -> !n.isEmpty()).forEach(watched::add);
        return new OperatorConfig(watched, leaderElection, leaseName,
                leaseNamespace == null || leaseNamespace.isBlank() ? null : leaseNamespace,
                defaultImage == null || defaultImage.isBlank() ? OperatorConfig.imageOfThisVersion() : defaultImage,
                provisioning());
    }

    private ProvisioningConfig provisioning() {
        Set<FrontEnd> frontEnds = EnumSet.noneOf(FrontEnd.class);
        for (String name : provisioners) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty()) {
                frontEnds.add(Arrays.stream(FrontEnd.values()).filter(f -> f.label().equals(trimmed)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("--provisioners: '" + trimmed
                                + "' is not one of obc, secret, cosi, populator, gitops")));
            }
        }
        BackendRef backend = null;
        if (defaultBackend != null && !defaultBackend.isBlank()) {
            try {
                backend = BackendRef.parse(defaultBackend, "default", "--default-backend");
            } catch (InvalidSpecException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            if (!defaultBackend.contains("/")) {
                throw new IllegalArgumentException("--default-backend: name the Secret as NAMESPACE/NAME");
            }
        }
        return new ProvisioningConfig(frontEnds, backend, cosiDriverName, cosiController,
                populatorPullSecrets.stream().map(String::strip).filter(n -> !n.isEmpty()).toList());
    }
}
