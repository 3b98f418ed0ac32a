package io.stowage.cli;

import io.stowage.csi.CsiEndpoint;
import io.stowage.csi.CsiServer;
import io.stowage.csi.IdentityService;
import io.stowage.csi.controller.ControllerService;
import io.stowage.csi.node.MounterClient;
import io.stowage.csi.node.NodeService;
import io.stowage.csi.node.daemon.MounterConfig;
import io.stowage.csi.node.daemon.MounterDaemon;
import io.stowage.server.logging.LogSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `stowage csi`: the CSI driver that mounts buckets into pods. Three roles, one per container: the controller
 * (beside csi-provisioner), the node plugin (beside node-driver-registrar) and the mount daemon that runs the
 * FUSE processes, so that a restart of the node plugin leaves every mount serving.
 */
@Command(name = "csi",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ServerDefaults.class,
        description = {"Runs the CSI driver " + IdentityService.DEFAULT_DRIVER_NAME + ", which mounts buckets into pods"
                + " through FUSE (s3fs, rclone, geesefs): --mode=controller makes and deletes a bucket (or a prefix)"
                + " per volume, --mode=node serves the kubelet's stage and publish calls, --mode=mounter is the mount"
                + " daemon the node plugin hands the mounts to.",
                "Every option --NAME can also be set by the environment variable STOWAGE_NAME (dashes as underscores)."})
final class CsiCommand implements Callable<Integer> {

    static final String DEFAULT_MOUNTER_SOCKET = "/run/stowage-csi/mounter.sock";

    enum Mode { controller, node, mounter }

    /** The environment: CSI_ENDPOINT and NODE_NAME, besides the STOWAGE_* the provider reads. */
    Map<String, String> env = System.getenv();

    @Option(names = "--mode", required = true, paramLabel = "controller|node|mounter",
            description = "The role this process plays (env STOWAGE_MODE).")
    Mode mode;

    @Option(names = "--endpoint", paramLabel = "unix:///PATH.sock",
            description = "Unix socket the controller or node plugin serves CSI on (env STOWAGE_ENDPOINT). Default: the"
                    + " variable CSI_ENDPOINT, else " + CsiEndpoint.DEFAULT)
    String endpoint;

    @Option(names = "--driver-name", paramLabel = "NAME", defaultValue = IdentityService.DEFAULT_DRIVER_NAME,
            description = "The driver's name, which StorageClasses give as provisioner (env STOWAGE_DRIVER_NAME)."
                    + " Default: ${DEFAULT-VALUE}")
    String driverName;

    @Option(names = "--node-id", paramLabel = "NAME",
            description = "The node plugin's node id (env STOWAGE_NODE_ID). Default: the variable NODE_NAME, else the"
                    + " host name")
    String nodeId;

    @Option(names = "--mounter-socket", paramLabel = "PATH", defaultValue = DEFAULT_MOUNTER_SOCKET,
            description = "Unix socket of the mount daemon, which the node plugin calls (env STOWAGE_MOUNTER_SOCKET)."
                    + " Default: ${DEFAULT-VALUE}")
    Path mounterSocket;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The mount daemon's state: one file per staged volume (0600, with its S3 key), from which a"
                    + " restarted daemon mounts everything again (env STOWAGE_STATE_DIR). Required with --mode=mounter")
    Path stateDir;

    @Mixin
    LogOptions log = new LogOptions();

    @Override
    public Integer call() throws InterruptedException {
        try {
            log.apply(false);
            AutoCloseable running = start();
            ShutdownSignals.install(() -> close(running)).awaitStopped();
        } catch (IllegalArgumentException e) {
            System.err.println("stowage csi: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("stowage csi: could not start: " + e.getMessage());
            return 1;
        }
        LogSetup.flush();
        return 0;
    }

    /** @throws IllegalArgumentException naming the setting whose value is not valid */
    AutoCloseable start() throws IOException {
        return switch (mode) {
            case controller -> CsiServer.start(endpoint(), IdentityService.of(driverName, true),
                    List.of(new ControllerService()));
            case node -> CsiServer.start(endpoint(), IdentityService.of(driverName, false),
                    List.of(new NodeService(nodeId(), new MounterClient(mounterSocket))));
            case mounter -> {
                if (stateDir == null) {
                    throw new IllegalArgumentException("--mode=mounter needs --state-dir");
                }
                yield MounterDaemon.start(MounterConfig.of(mounterSocket, stateDir));
            }
        };
    }

    CsiEndpoint endpoint() {
        String value = endpoint != null && !endpoint.isBlank() ? endpoint
                : env.getOrDefault("CSI_ENDPOINT", "").isBlank() ? CsiEndpoint.DEFAULT : env.get("CSI_ENDPOINT");
        try {
            return CsiEndpoint.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--endpoint: " + e.getMessage(), e);
        }
    }

    String nodeId() {
        if (nodeId != null && !nodeId.isBlank()) {
            return nodeId.strip();
        }
        String fromEnv = env.getOrDefault("NODE_NAME", "");
        if (!fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new IllegalArgumentException("--node-id: not given, NODE_NAME is not set and the host name is unknown");
        }
    }

    private static void close(AutoCloseable running) {
        try {
            running.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping failed: " + e.getMessage(), e);
        }
    }
}
