package io.stowage.server.crash;

import io.stowage.cluster.ClusterConfig;
import io.stowage.cluster.Join;
import io.stowage.cluster.ReadConsistency;
import io.stowage.s3.S3Config;
import io.stowage.server.ServerConfig;
import io.stowage.server.StartupException;
import io.stowage.server.StowageServer;
import io.stowage.server.lifecycle.LifecycleSettings;
import io.stowage.server.metrics.MetricsConfig;
import io.stowage.server.tls.TlsConfig;
import io.stowage.server.tls.TlsMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a Stowage server in its own JVM for the crash tests ({@link ChildServer}), which kill it
 * with SIGKILL.
 *
 * <p>Arguments: {@code DATA_DIR PORT ACCESS_KEY SECRET_KEY [INLINE_THRESHOLD [KEY=VALUE...]]} (port 0 picks
 * a free one). The settings {@code node}, {@code raft}, {@code peers} (and {@code join=auto|true|false},
 * {@code reads=local}) make it a cluster node, as the cluster tests start it, with plain peer traffic unless {@code tls-cert}, {@code tls-key} and
 * {@code tls-ca} are given. Listens on 127.0.0.1 only, prints {@code LISTENING <port>} on stdout once it serves
 * requests, then blocks. A line {@value #STOP_COMMAND} on stdin closes the server cleanly (requests
 * in flight finish, the store is closed) and exits with status 0. It halts when its stdin reaches
 * end of file, so a child is never left behind by a parent that died without killing it.
 */
public final class ChildServerMain {

    public static final String READY_PREFIX = "LISTENING ";
    public static final String STOP_COMMAND = "stop";
    public static final String STOPPED_LINE = "STOPPED";
    /** Cluster nodes need one admin token between them. */
    public static final String CLUSTER_ADMIN_TOKEN = "cluster-test-admin-token-0123456789";

    private static volatile StowageServer server;

    private ChildServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 4) {
            System.err.println("usage: ChildServerMain DATA_DIR PORT ACCESS_KEY SECRET_KEY [INLINE_THRESHOLD [KEY=VALUE...]]");
            System.exit(2);
        }
        Map<String, String> settings = new HashMap<>();
        for (int i = 5; i < args.length; i++) {
            settings.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int inlineThreshold = args.length >= 5 ? Integer.parseInt(args[4]) : 32 * 1024;
        Thread watchdog = new Thread(ChildServerMain::watchStdin, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        boolean tls = settings.containsKey("tls-cert");
        ClusterConfig cluster = settings.containsKey("node")
                ? ClusterConfig.parse(settings.get("node"), settings.get("raft"), settings.get("peers"), dataDir.resolve("raft"),
                        "local".equals(settings.get("reads")) ? ReadConsistency.LOCAL : ReadConsistency.LINEARIZABLE, !tls,
                        Join.parse(settings.getOrDefault("join", "auto")))
                        .withSnapshotEntries(Long.parseLong(settings.getOrDefault("snapshot-entries",
                                "" + ClusterConfig.DEFAULT_SNAPSHOT_ENTRIES)))
                : null;
        try {
            server = start(dataDir, port, args, inlineThreshold, tls, settings, cluster);
        } catch (StartupException e) {
            // as `stowage server` does: exit at once, so the parent sees the failure now rather than at its deadline
            // (the threads a half-started cluster node leaves would keep this JVM alive)
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println(READY_PREFIX + server.address().getPort() + " " + server.adminAddress().getPort() + " "
                + server.metricsAddress().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static StowageServer start(Path dataDir, int port, String[] args, int inlineThreshold, boolean tls,
            Map<String, String> settings, ClusterConfig cluster) throws IOException, InterruptedException {
        return StowageServer.start(new ServerConfig(new InetSocketAddress("127.0.0.1", port), dataDir,
                new S3Config("us-east-1", null), inlineThreshold, ServerConfig.DEFAULT_MULTIPART_EXPIRY, args[2], args[3],
                new InetSocketAddress("127.0.0.1", 0), cluster == null ? null : CLUSTER_ADMIN_TOKEN,
                ServerConfig.DEFAULT_SHUTDOWN_GRACE,
                tls ? new TlsConfig(TlsMode.FILES, Path.of(settings.get("tls-cert")), Path.of(settings.get("tls-key")),
                        Path.of(settings.get("tls-ca")), List.of())
                        : TlsConfig.off(),
                new MetricsConfig(new InetSocketAddress("127.0.0.1", 0), MetricsConfig.DEFAULT_BUCKET_LIMIT),
                LifecycleSettings.DEFAULT, cluster));
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
