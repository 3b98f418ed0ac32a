package io.stowage.server.crash;

import io.stowage.s3.S3Config;
import io.stowage.server.ServerConfig;
import io.stowage.server.StowageServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a Stowage server in its own JVM for {@link CrashIT}, which kills it with SIGKILL.
 *
 * <p>Arguments: {@code DATA_DIR PORT ACCESS_KEY SECRET_KEY [INLINE_THRESHOLD]} (port 0 picks a
 * free one). Listens on 127.0.0.1 only, prints {@code LISTENING <port>} on stdout once it serves
 * requests, then blocks forever. It halts when its stdin reaches end of file, so a child is never
 * left behind by a parent that died without killing it.
 */
public final class ChildServerMain {

    public static final String READY_PREFIX = "LISTENING ";

    private ChildServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: ChildServerMain DATA_DIR PORT ACCESS_KEY SECRET_KEY [INLINE_THRESHOLD]");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int inlineThreshold = args.length == 5 ? Integer.parseInt(args[4]) : 32 * 1024;
        Thread watchdog = new Thread(ChildServerMain::haltWhenParentGoes, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        StowageServer server = StowageServer.start(new ServerConfig(new InetSocketAddress("127.0.0.1", port), dataDir,
                new S3Config("us-east-1", null), inlineThreshold, ServerConfig.DEFAULT_MULTIPART_EXPIRY, args[2], args[3]));
        System.out.println(READY_PREFIX + server.address().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void haltWhenParentGoes() {
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; only end of file matters
            }
        } catch (IOException e) {
            // a broken stdin means the parent is gone as well
        }
        Runtime.getRuntime().halt(3);
    }
}
