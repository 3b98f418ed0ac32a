package io.stowage.csi.node;

import io.stowage.csi.node.daemon.MounterConfig;
import io.stowage.csi.node.daemon.MounterDaemon;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs the node's mount daemon in a JVM of its own for the tests, which kill it: {@code MounterMain --socket PATH
 * --state-dir DIR} (nodes run it as {@code stowage csi --mode=mounter}). It serves until SIGTERM,
 * which leaves the mounts to the next daemon (see {@link MounterDaemon}). Exit status 2 for bad arguments,
 * 1 when the daemon cannot start.
 */
public final class MounterMain {

    private MounterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MounterConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("mounter: " + e.getMessage());
            System.err.println("usage: mounter --socket PATH --state-dir DIR");
            System.exit(2);
            return;
        }
        MounterDaemon daemon;
        try {
            daemon = MounterDaemon.start(config);
        } catch (IOException | RuntimeException e) {
            System.err.println("mounter: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "mounter-shutdown"));
        daemon.awaitClosed();
    }

    /** @throws IllegalArgumentException naming the argument that is missing or unknown */
    static MounterConfig parse(String[] args) {
        Path socket = null;
        Path stateDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            switch (arg) {
                case "--socket" -> socket = Path.of(args[++i]);
                case "--state-dir" -> stateDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (socket == null || stateDir == null) {
            throw new IllegalArgumentException("--socket and --state-dir are required");
        }
        return MounterConfig.of(socket, stateDir);
    }
}
