package io.stowage.cli;

import io.stowage.kube.operator.OperatorConfig;
import io.stowage.kube.operator.OperatorProcess;
import io.stowage.server.ServerConfig;
import io.stowage.server.logging.LogSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `stowage operator`: the Kubernetes operator of ObjectStore resources. */
@Command(name = "operator",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ServerDefaults.class,
        description = {"Runs the Kubernetes operator: reconciles ObjectStore resources into Stowage servers.",
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

    @Option(names = "--metrics-address", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9090",
            description = "Address /metrics (Prometheus) and /health/live, /health/ready are served on, without"
                    + " authentication (env STOWAGE_METRICS_ADDRESS). Default: ${DEFAULT-VALUE}")
    String metricsAddress;

    @Mixin
    LogOptions log = new LogOptions();

    @Override
    public Integer call() throws InterruptedException {
        OperatorConfig config;
        InetSocketAddress metrics;
        try {
            log.apply(false);
            config = config();
            metrics = metricsAddress();
        } catch (IllegalArgumentException e) {
            System.err.println("stowage operator: " + e.getMessage());
            return 2;
        }
        OperatorProcess operator;
        try {
            operator = OperatorProcess.start(config, metrics);
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

    OperatorConfig config() {
        LinkedHashSet<String> watched = new LinkedHashSet<>();
        namespaces.stream().map(String::strip).filter(n -> !n.isEmpty()).forEach(watched::add);
        return new OperatorConfig(watched, leaderElection, leaseName,
                leaseNamespace == null || leaseNamespace.isBlank() ? null : leaseNamespace,
                defaultImage == null || defaultImage.isBlank() ? OperatorConfig.imageOfThisVersion() : defaultImage);
    }
}
