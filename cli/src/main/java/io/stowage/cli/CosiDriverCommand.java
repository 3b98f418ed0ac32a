package io.stowage.cli;

import io.stowage.kube.cosi.CosiDriverSettings;
import io.stowage.kube.cosi.CosiEndpoint;
import io.stowage.kube.cosi.v1alpha1.CosiDriverProcess;
import io.stowage.kube.operator.ProvisioningConfig;
import io.stowage.server.logging.LogSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `stowage cosi-driver`: the COSI v1alpha1 driver, beside the upstream COSI sidecar. */
@Command(name = "cosi-driver",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ServerDefaults.class,
        description = {"Runs the COSI (Container Object Storage Interface) v1alpha1 driver: gRPC Identity and"
                + " Provisioner on a unix socket, for the COSI sidecar in the same pod. Buckets and keys are made"
                + " on the backend a BucketClass names (parameter backendSecret) or on the default one.",
                "Every option --NAME can also be set by the environment variable STOWAGE_NAME (dashes as underscores)."})
final class CosiDriverCommand implements Callable<Integer> {

    static final Path POD_NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    /** The environment: COSI_ENDPOINT and KUBERNETES_SERVICE_HOST, besides the STOWAGE_* the provider reads. */
    Map<String, String> env = System.getenv();
    /** Where the pod's namespace is mounted. */
    Path namespaceFile = POD_NAMESPACE_FILE;

    @Option(names = "--endpoint", paramLabel = "unix:///PATH.sock",
            description = "Unix socket to serve on (env STOWAGE_ENDPOINT). Default: the variable COSI_ENDPOINT,"
                    + " as COSI sets it, else " + CosiEndpoint.DEFAULT)
    String endpoint;

    @Option(names = "--driver-name", paramLabel = "NAME", defaultValue = ProvisioningConfig.DEFAULT_COSI_DRIVER_NAME,
            description = "The driver's name, which BucketClasses and BucketAccessClasses give as driverName"
                    + " (env STOWAGE_DRIVER_NAME). Default: ${DEFAULT-VALUE}")
    String driverName;

    @Option(names = "--backend-dir", paramLabel = "DIR",
            description = "A mounted backend Secret, one file per key (s3Endpoint, adminEndpoint, adminToken, region,"
                    + " addressingStyle, caBundle): the backend of BucketClasses that name no backendSecret"
                    + " (env STOWAGE_BACKEND_DIR). Default: none")
    Path backendDir;

    @Option(names = "--kubernetes", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            description = "Read the backend Secrets BucketClasses name (backendSecret) through the Kubernetes API,"
                    + " with the pod's service account (env STOWAGE_KUBERNETES). Default: true in a pod"
                    + " (KUBERNETES_SERVICE_HOST set)")
    Boolean kubernetes;

    @Option(names = "--backend-namespace", paramLabel = "NS",
            description = "Namespace of a backendSecret given without one (env STOWAGE_BACKEND_NAMESPACE)."
                    + " Default: the pod's namespace, else default")
    String backendNamespace;

    @Mixin
    LogOptions log = new LogOptions();

    @Override
    public Integer call() throws InterruptedException {
        CosiDriverSettings settings;
        try {
            log.apply(false);
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("stowage cosi-driver: " + e.getMessage());
            return 2;
        }
        CosiDriverProcess driver;
        try {
            driver = CosiDriverProcess.start(settings);
        } catch (IllegalArgumentException e) {
            System.err.println("stowage cosi-driver: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("stowage cosi-driver: could not start: " + e.getMessage());
            return 1;
        }
        ShutdownSignals.install(driver::close).awaitStopped();
        LogSetup.flush();
        return 0;
    }

    /** @throws IllegalArgumentException naming the setting whose value is not valid */
    CosiDriverSettings settings() {
        String socket = endpoint != null && !endpoint.isBlank() ? endpoint
                : env.getOrDefault("COSI_ENDPOINT", "").isBlank() ? CosiEndpoint.DEFAULT : env.get("COSI_ENDPOINT");
        CosiEndpoint parsed;
        try {
            parsed = CosiEndpoint.parse(socket.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--endpoint: " + e.getMessage(), e);
        }
        boolean inPod = !env.getOrDefault("KUBERNETES_SERVICE_HOST", "").isBlank();
        return new CosiDriverSettings(parsed, driverName, Optional.ofNullable(backendDir),
                kubernetes != null ? kubernetes : inPod, backendNamespace());
    }

    private String backendNamespace() {
        if (backendNamespace != null && !backendNamespace.isBlank()) {
            return backendNamespace.strip();
        }
        try {
            String podNamespace = Files.readString(namespaceFile, StandardCharsets.UTF_8).strip();
            return podNamespace.isEmpty() ? "default" : podNamespace;
        } catch (IOException e) {
            return "default";
        }
    }
}
