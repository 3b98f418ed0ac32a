package io.stowage.server.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Three server processes on loopback forming one Raft group: every write is acknowledged only once
 * a majority holds it, and any node serves what was acknowledged anywhere.
 */
class ClusterIT {

    @TempDir
    Path dir;

    private ClusterNodes cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aWriteOnAnyNodeIsReadOnEveryNode() {
        cluster = new ClusterNodes("replicated", dir, 3);
        cluster.startAll();
        byte[] small = bytes(1, 5_000);
        byte[] large = bytes(2, 3 * 1024 * 1024 + 17);
        try (S3Client first = cluster.node(0).client(); S3Client second = cluster.node(1).client()) {
            first.createBucket(b -> b.bucket("shared"));
            second.putObject(b -> b.bucket("shared").key("small"), RequestBody.fromBytes(small));
            second.putObject(b -> b.bucket("shared").key("large"), RequestBody.fromBytes(large));
            // SSE-S3: every node holds the master key that wrapped the object's data key
            first.putObject(b -> b.bucket("shared").key("encrypted").serverSideEncryption(ServerSideEncryption.AES256),
                    RequestBody.fromBytes(small));
        }
        for (int node : cluster.members()) {
            try (S3Client client = cluster.node(node).client()) {
                assertThat(client.getObjectAsBytes(b -> b.bucket("shared").key("small")).asByteArray())
                        .as("small object read on node %d", node).isEqualTo(small);
                assertThat(client.getObjectAsBytes(b -> b.bucket("shared").key("large")).asByteArray())
                        .as("large object read on node %d", node).isEqualTo(large);
                assertThat(client.getObjectAsBytes(b -> b.bucket("shared").key("encrypted")).asByteArray())
                        .as("SSE-S3 object read on node %d", node).isEqualTo(small);
                assertThat(client.listObjectsV2(b -> b.bucket("shared")).contents()).hasSize(3);
            }
        }
    }

    @Test
    void withoutAQuorumWritesAndReadsFailWith503AndResumeWhenNodesReturn() throws Exception {
        cluster = new ClusterNodes("quorum", dir, 3);
        cluster.startAll();
        byte[] body = bytes(3, 40_000);
        try (S3Client client = cluster.node(0).client()) {
            client.createBucket(b -> b.bucket("quorum"));
            client.putObject(b -> b.bucket("quorum").key("before"), RequestBody.fromBytes(body));
        }
        assertThat(readiness(0)).isEqualTo("200 {\"status\":\"ready\"}");
        cluster.node(1).sigkill();
        cluster.node(2).sigkill();
        // a node cut off from the majority leaves its Service's endpoints
        awaitTrue(() -> readiness(0).equals("503 {\"status\":\"no_quorum\"}"), "node 0 is not ready without a quorum");
        try (S3Client client = cluster.node(0).client()) {
            assertThatThrownBy(() -> client.putObject(b -> b.bucket("quorum").key("alone"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("no quorum");
                    });
            // linearizable reads need a majority too: one node alone cannot know it has every acknowledged write
            assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("quorum").key("before")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        }
        // with local reads the lone node serves what it has, and still refuses writes
        cluster.node(0).stop();
        cluster.readLocally(0);
        cluster.start(0);
        try (S3Client client = cluster.node(0).client()) {
            assertThat(client.getObjectAsBytes(b -> b.bucket("quorum").key("before")).asByteArray()).isEqualTo(body);
            assertThatThrownBy(() -> client.putObject(b -> b.bucket("quorum").key("alone"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        }
        assertThat(readiness(0)).as("local reads are served alone").startsWith("200");
        cluster.start(1, 2);
        try (S3Client client = cluster.node(0).client()) {
            client.putObject(b -> b.bucket("quorum").key("after"), RequestBody.fromBytes(body));
            assertThat(client.getObjectAsBytes(b -> b.bucket("quorum").key("before")).asByteArray()).isEqualTo(body);
        }
        try (S3Client client = cluster.node(2).client()) {
            assertThat(client.getObjectAsBytes(b -> b.bucket("quorum").key("after")).asByteArray()).isEqualTo(body);
        }
    }

    @Test
    void killingTheLeaderUnderConcurrentWritesLosesNoAcknowledgedWrite() throws Exception {
        cluster = new ClusterNodes("failover", dir, 3);
        cluster.startAll();
        try (S3Client client = cluster.node(0).client()) {
            client.createBucket(b -> b.bucket("load"));
        }
        ClusterLoad load = new ClusterLoad(cluster, "load", 8);
        load.start();
        Thread.sleep(3_000);
        // asked right before the kill: an election during the warm-up may have moved the lead
        int leader = cluster.leader();
        long killedAt = System.nanoTime();
        cluster.node(leader).sigkill();
        Thread.sleep(8_000);
        ClusterLoad.Result result = load.stop();
        System.out.printf("failover: %d writes acknowledged (%d after the kill); longest pause in acknowledgements"
                + " from the kill on: %d ms; %d attempts failed and were retried on another node%n",
                result.acknowledged().size(), result.acknowledgedAfter(killedAt), result.longestGapAfter(killedAt) / 1_000_000,
                result.failedAttempts());
        assertThat(result.acknowledgedAfter(killedAt)).as("writes resume after the leader is killed").isPositive();

        cluster.start(leader);
        for (int node : cluster.members()) {
            try (S3Client client = cluster.node(node).client()) {
                for (var entry : result.acknowledged().entrySet()) {
                    byte[] read = client.getObjectAsBytes(b -> b.bucket("load").key(entry.getKey())).asByteArray();
                    assertThat(ClusterLoad.digest(read)).as("%s on node %d", entry.getKey(), node).isEqualTo(entry.getValue());
                }
            }
        }
    }

    /**
     * With a snapshot every 8 entries the members drop their log as they go, so the wiped node cannot
     * replay it: it copies the leader's metadata instead and fetches the blobs it lacks.
     */
    @Test
    void aWipedNodeRemovedAndAddedAgainCatchesUpToByteIdenticalContent() throws Exception {
        cluster = new ClusterNodes("wipe", dir, 3).withSnapshotEntries(8);
        cluster.startAll();
        try (S3Client client = cluster.node(0).client()) {
            client.createBucket(b -> b.bucket("wiped"));
            putObjects(client, 0, 19);
            client.putObject(b -> b.bucket("wiped").key("encrypted").serverSideEncryption(ServerSideEncryption.AES256),
                    RequestBody.fromBytes(bytes(7, 3_000)));
        }
        // the leader loses its disk: the membership calls that follow must outlast the election
        int wiped = cluster.leader();
        int other = (wiped + 1) % 3;
        int third = (wiped + 2) % 3;
        // a node that lost its disk has forgotten its votes and log: Raft takes it back only as a new member
        cluster.node(wiped).sigkill();
        deleteTree(cluster.dataDir(wiped));
        cluster.removeMember(other, wiped);
        try (S3Client client = cluster.node(other).client()) {
            putObjects(client, 20, 40);
            client.deleteObject(b -> b.bucket("wiped").key("k" + size(20)));
        }
        assertThat(raftLogStarts(cluster.dataDir(other))).as("the members dropped the log's start after a snapshot")
                .noneMatch(start -> start == 0);
        cluster.start(wiped);
        cluster.addMember(other, wiped);
        long target = cluster.status(other).path("appliedIndex").asLong();
        awaitTrue(() -> cluster.status(wiped).path("appliedIndex").asLong() >= target, "the wiped node catches up");
        awaitTrue(() -> blobFiles(cluster.dataDir(wiped)).equals(blobFiles(cluster.dataDir(other))),
                "the wiped node holds the same blob files as the others");
        Map<String, String> reference = blobFiles(cluster.dataDir(other));
        assertThat(reference).hasSize(39);
        assertSameListing(wiped, other);
        try (S3Client client = cluster.node(wiped).client()) {
            assertThat(client.getObjectAsBytes(b -> b.bucket("wiped").key("encrypted")).asByteArray())
                    .as("the wiped node copied the master keys").isEqualTo(bytes(7, 3_000));
        }

        // a node restarts from its snapshot and the log after it
        cluster.node(other).sigkill();
        cluster.start(other);
        assertSameListing(other, third);
    }

    private static int size(int i) {
        return i % 2 == 0 ? 2_000 + i : 200_000 + i;
    }

    private static void putObjects(S3Client client, int from, int to) {
        for (int i = from; i < to; i++) {
            String key = "k" + size(i);
            client.putObject(b -> b.bucket("wiped").key(key), RequestBody.fromBytes(bytes(100 + i, size(i))));
        }
    }

    private void assertSameListing(int node, int reference) {
        try (S3Client checked = cluster.node(node).client(); S3Client known = cluster.node(reference).client()) {
            List<S3Object> listed = checked.listObjectsV2(b -> b.bucket("wiped")).contents();
            assertThat(listed).hasSize(39).isEqualTo(known.listObjectsV2(b -> b.bucket("wiped")).contents());
        }
    }

    /** The first index of each Raft log segment file a node keeps (log_START-END, log_inprogress_START). */
    private static List<Long> raftLogStarts(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("raft"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("log_"))
                    .map(name -> Long.parseLong(name.replace("log_inprogress_", "").replace("log_", "").split("-")[0]))
                    .toList();
        }
    }

    @Test
    void membersAreAddedAndRemovedThroughTheAdminApi() throws Exception {
        cluster = new ClusterNodes("membership", dir, 3, 5);
        cluster.startAll();
        byte[] body = bytes(7, 300_000);
        try (S3Client client = cluster.node(0).client()) {
            client.createBucket(b -> b.bucket("members"));
            client.putObject(b -> b.bucket("members").key("before"), RequestBody.fromBytes(body));
        }
        cluster.start(3, 4);
        cluster.addMember(0, 3);
        cluster.addMember(1, 4);
        assertThat(cluster.status(4).path("members")).hasSize(5);
        try (S3Client client = cluster.node(4).client()) {
            client.putObject(b -> b.bucket("members").key("five"), RequestBody.fromBytes(body));
            assertThat(client.getObjectAsBytes(b -> b.bucket("members").key("before")).asByteArray()).isEqualTo(body);
        }

        int leader = cluster.leader();
        cluster.removeMember(3, leader);
        int other = cluster.members().stream().filter(n -> n != 3 && n != 4).findFirst().orElseThrow();
        cluster.removeMember(3, other);
        assertThat(cluster.status(3).path("members")).hasSize(3);
        cluster.node(leader).sigkill();
        cluster.node(other).sigkill();
        int survivor = cluster.members().stream().filter(n -> n != 3 && n != 4).findFirst().orElseThrow();
        try (S3Client client = cluster.node(survivor).client()) {
            client.putObject(b -> b.bucket("members").key("three"), RequestBody.fromBytes(body));
        }
        for (int node : cluster.members()) {
            try (S3Client client = cluster.node(node).client()) {
                for (String key : new String[] {"before", "five", "three"}) {
                    assertThat(client.getObjectAsBytes(b -> b.bucket("members").key(key)).asByteArray())
                            .as("%s on node %d", key, node).isEqualTo(body);
                }
            }
        }
    }

    @Test
    void aFrozenMinorityNeverAcknowledgesAndEveryNodeConvergesAfterTheThaw() throws Exception {
        cluster = new ClusterNodes("partition", dir, 3);
        cluster.startAll();
        byte[] body = bytes(11, 150_000);
        try (S3Client client = cluster.node(0).client()) {
            client.createBucket(b -> b.bucket("partition"));
        }
        int leader = cluster.leader();
        List<Integer> followers = cluster.members().stream().filter(n -> n != leader).toList();
        // the leader alone is the minority: it must not acknowledge
        for (int follower : followers) {
            cluster.signal(follower, "STOP");
        }
        try (S3Client client = cluster.node(leader).client()) {
            assertThatThrownBy(() -> client.putObject(b -> b.bucket("partition").key("minority"), RequestBody.fromBytes(body)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        }
        for (int follower : followers) {
            cluster.signal(follower, "CONT");
        }
        // now the old leader is frozen and the majority goes on without it
        cluster.signal(leader, "STOP");
        try (S3Client client = cluster.node(followers.get(0)).client()) {
            client.putObject(b -> b.bucket("partition").key("majority"), RequestBody.fromBytes(body));
        }
        cluster.signal(leader, "CONT");
        for (int node : cluster.members()) {
            try (S3Client client = cluster.node(node).client()) {
                assertThat(client.getObjectAsBytes(b -> b.bucket("partition").key("majority")).asByteArray())
                        .as("node %d", node).isEqualTo(body);
                // the minority's write was refused, and not applied later either
                assertThat(client.listObjectsV2(b -> b.bucket("partition")).contents())
                        .extracting(o -> o.key()).as("node %d", node).containsExactly("majority");
            }
        }
    }

    /** The status code and body of a node's /health/ready. */
    private String readiness(int node) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + cluster.node(node).metricsPort() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
    }

    /** The blob files in place in a data directory (blobs/), by id, with the SHA-256 of their bytes. */
    private static Map<String, String> blobFiles(Path dataDir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir.resolve("blobs"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), ClusterLoad.digest(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(250);
        }
    }

    private static byte[] bytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
