package io.stowage.server.crash;

import io.stowage.s3.S3Config;
import io.stowage.server.ServerConfig;
import io.stowage.server.StowageServer;
import io.stowage.server.lifecycle.LifecycleSettings;
import io.stowage.server.metrics.MetricsConfig;
import io.stowage.server.tls.TlsConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a Stowage server in its own JVM for the crash tests ({@link ChildServer}), which kill it
 * with SIGKILL.
 *
 * <p>Arguments: {@code DATA_DIR PORT ACCESS_KEY SECRET_KEY [INLINE_THRESHOLD]} (port 0 picks a
 * free one). Listens on 127.0.0.1 only, prints {@code LISTENING <port>} on stdout once it serves
 * requests, then blocks. A line {@value #STOP_COMMAND} on stdin closes the server cleanly (requests
 * in flight finish, the store is closed) and exits with status 0. It halts when its stdin reaches
 * end of file, so a child is never left behind by a parent that died without killing it.
 */
public final class ChildServerMain {

    public static final String READY_PREFIX = "LISTENING ";
    public static final String STOP_COMMAND = "stop";
    public static final String STOPPED_LINE = "STOPPED";

    private static volatile StowageServer server;

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
        Thread watchdog = new Thread(ChildServerMain::watchStdin, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        server = StowageServer.start(new ServerConfig(new InetSocketAddress("127.0.0.1", port), dataDir,
                new S3Config("us-east-1", null), inlineThreshold, ServerConfig.DEFAULT_MULTIPART_EXPIRY, args[2], args[3],
                new InetSocketAddress("127.0.0.1", 0), null, ServerConfig.DEFAULT_SHUTDOWN_GRACE, TlsConfig.off(),
                new MetricsConfig(new InetSocketAddress("127.0.0.1", 0), MetricsConfig.DEFAULT_BUCKET_LIMIT),
                LifecycleSettings.DEFAULT));
        System.out.println(READY_PREFIX + server.address().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Stops cleanly on {@value #STOP_COMMAND}; halts at end of file or on a broken stdin. */
    private static void watchStdin() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals(STOP_COMMAND)) {
                    StowageServer running = server;
                    if (running != null) {
                        running.close();
                        System.out.println(STOPPED_LINE);
                        System.out.flush();
                        System.exit(0);
                    }
                    // not started yet: a parent asking for a clean stop that early gets a halt
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a broken stdin means the parent is gone as well; a failed close is not a clean stop
        }
        Runtime.getRuntime().halt(3);
    }
}
