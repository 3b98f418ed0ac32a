package io.stowage.server.crash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Concurrent PUTs spread over a cluster's nodes, as clients behind a Service see it: each attempt
 * goes to the next node, and a failed attempt is retried on another one until it is acknowledged.
 * Records every acknowledged key with the digest of its bytes and the time of the acknowledgement.
 */
final class ClusterLoad {

    private static final int MAX_ATTEMPTS = 20;

    private final ClusterNodes cluster;
    private final String bucket;
    private final int writers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> ackTimes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    ClusterLoad(ClusterNodes cluster, String bucket, int writers) {
        this.cluster = cluster;
        this.bucket = bucket;
        this.writers = writers;
    }

    void start() {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().name("cluster-load-" + w).start(() -> write(writer)));
        }
    }

    private void write(int writer) {
        List<Integer> nodes = cluster.members();
        Map<Integer, S3Client> clients = new HashMap<>();
        try {
            write(writer, nodes, clients);
        } finally {
            clients.values().forEach(S3Client::close);
        }
    }

    /** One client per node and writer, made anew after a failure (the node may have restarted elsewhere). */
    private void write(int writer, List<Integer> nodes, Map<Integer, S3Client> clients) {
        for (int n = 0; running.get(); n++) {
            String key = "w" + writer + "-" + n;
            byte[] body = body(writer * 1_000_000L + n);
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                int node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
                ChildServer server = cluster.node(node);
                if (!server.alive()) {
                    continue;
                }
                S3Client client = clients.computeIfAbsent(node, i -> server.client());
                try {
                    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
                    acknowledged.put(key, digest(body));
                    ackTimes.add(System.nanoTime());
                    break;
                } catch (RuntimeException e) {
                    failedAttempts.incrementAndGet();
                    clients.remove(node).close();
                }
            }
        }
    }

    /** Half the writes small enough to live in metadata, half large enough for blob files. */
    private static byte[] body(long seed) {
        Random random = new Random(seed);
        byte[] body = new byte[seed % 2 == 0 ? 1_000 + random.nextInt(1_000) : 40_000 + random.nextInt(40_000)];
        random.nextBytes(body);
        return body;
    }

    Result stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> times = new ArrayList<>(ackTimes);
        times.sort(null);
        return new Result(new TreeMap<>(acknowledged), times, failedAttempts.get());
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param ackTimes when each write was acknowledged (System.nanoTime), sorted */
    record Result(Map<String, String> acknowledged, List<Long> ackTimes, int failedAttempts) {

        long acknowledgedAfter(long nanoTime) {
            return ackTimes.stream().filter(t -> t > nanoTime).count();
        }

        /**
         * The longest time without an acknowledgement from {@code nanoTime} on. Writes already committed
         * when the leader dies may still be acknowledged just after it, so the gap spanning that instant
         * alone would hide the pause that follows.
         */
        long longestGapAfter(long nanoTime) {
            long longest = 0;
            long previous = nanoTime;
            for (long t : ackTimes) {
                if (t > nanoTime) {
                    longest = Math.max(longest, t - previous);
                    previous = t;
                }
            }
            return longest;
        }
    }
}
