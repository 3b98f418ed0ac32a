package io.stowage.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A cluster of Stowage servers, each in its own JVM ({@link ChildServer}) on 127.0.0.1 with its own
 * data directory, its Raft port fixed for its life (the peers name it) and its S3 port picked anew
 * at each start.
 */
final class ClusterNodes implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String label;
    private final Path root;
    private final List<Integer> raftPorts;
    private final ChildServer[] nodes;
    private final int[] starts;
    private final Set<Integer> members = new TreeSet<>();
    private List<String> tlsFiles = List.of();
    private List<String> snapshotEntries = List.of();
    private final Set<Integer> localReads = new TreeSet<>();

    /** @param capacity how many nodes there may be; the first {@code size} form the group */
    ClusterNodes(String label, Path root, int size, int capacity) {
        this.label = label;
        this.root = root;
        this.raftPorts = IntStream.range(0, capacity).mapToObj(i -> freePortPair()).toList();
        this.nodes = new ChildServer[capacity];
        this.starts = new int[capacity];
        IntStream.range(0, size).forEach(members::add);
    }

    ClusterNodes(String label, Path root, int size) {
        this(label, root, size, size);
    }

    /** Nodes started from now on serve HTTPS and speak mutual TLS to each other with these PEM files. */
    ClusterNodes withTls(List<Path> certKeyCa) {
        this.tlsFiles = List.of("tls-cert=" + certKeyCa.get(0), "tls-key=" + certKeyCa.get(1), "tls-ca=" + certKeyCa.get(2));
        return this;
    }

    /** Nodes started from now on snapshot their metadata after this many log entries ({@code --raft-snapshot-entries}). */
    ClusterNodes withSnapshotEntries(long entries) {
        this.snapshotEntries = List.of("snapshot-entries=" + entries);
        return this;
    }

    /** The node reads its own copy from its next start on ({@code --cluster-reads local}). */
    void readLocally(int node) {
        localReads.add(node);
    }

    int raftPort(int node) {
        return raftPorts.get(node);
    }

    /** Starts every node at once: a node only serves once a quorum of them has elected a leader. */
    void startAll() {
        start(members.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Starts one node (again) on its data directory and waits until it serves S3. Its peers are the
     * members. It finds out itself whether it founds the cluster or joins it ({@code --join auto}).
     */
    void start(int node) {
        String id = id(node);
        String peers = members.stream()
                .filter(i -> i != node)
                .map(i -> id(i) + "=127.0.0.1:" + raftPorts.get(i))
                .collect(Collectors.joining(","));
        int start = ++starts[node];
        try {
            nodes[node] = ChildServer.start(label + "-" + id, root.resolve(id + "-start-" + start + ".log"), dataDir(node),
                    start, Stream.concat(Stream.of("node=" + id, "raft=127.0.0.1:" + raftPorts.get(node), "peers=" + peers,
                            "reads=" + (localReads.contains(node) ? "local" : "linearizable")),
                            Stream.concat(tlsFiles.stream(), snapshotEntries.stream())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts several nodes at once (a node may need another one up before it serves). */
    void start(int... nodes) {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (int node : nodes) {
            started.add(CompletableFuture.runAsync(() -> start(node)));
        }
        try {
            for (CompletableFuture<Void> future : started) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a node did not start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ChildServer node(int node) {
        return nodes[node];
    }

    /** The members, as this harness last set them. */
    List<Integer> members() {
        return List.copyOf(members);
    }

    String raftAddress(int node) {
        return "127.0.0.1:" + raftPorts.get(node);
    }

    /** GET /admin/v1/cluster on a node. */
    JsonNode status(int node) throws IOException, InterruptedException {
        return admin(node, "GET", "/admin/v1/cluster", null);
    }

    /** Waits until a running member reports being the leader, and returns it. */
    int leader() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (int node : members) {
                if (nodes[node] != null && nodes[node].alive()) {
                    try {
                        if ("LEADER".equals(status(node).path("role").asText())) {
                            return node;
                        }
                    } catch (IOException e) {
                        // a node stopped or starting: ask the next
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no leader among " + members + " within 30 s");
    }

    /** Adds a (running) node through the admin API of {@code via}. */
    void addMember(int via, int node) throws IOException, InterruptedException {
        admin(via, "POST", "/admin/v1/cluster/members",
                "{\"id\":\"" + id(node) + "\",\"address\":\"" + raftAddress(node) + "\"}");
        members.add(node);
    }

    void removeMember(int via, int node) throws IOException, InterruptedException {
        admin(via, "DELETE", "/admin/v1/cluster/members/" + id(node), null);
        members.remove(node);
    }

    private JsonNode admin(int node, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodes[node].adminPort() + path))
                .header("Authorization", "Bearer " + ChildServerMain.CLUSTER_ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " on " + id(node) + ": " + response.statusCode() + " "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** Sends a signal to a node's process: STOP and CONT freeze and thaw it, as a partition would. */
    void signal(int node, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(nodes[node].pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + nodes[node].pid() + " failed");
        }
    }

    Path dataDir(int node) {
        return root.resolve(id(node));
    }

    static String id(int node) {
        return "n" + node;
    }

    /** A port whose next port up is free too (Raft and blob copies). */
    private static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket second = new ServerSocket(port + 1)) {
                        return port;
                    } catch (IOException taken) {
                        // try another pair
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free pair of ports found");
    }

    @Override
    public void close() {
        for (ChildServer node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }
}
