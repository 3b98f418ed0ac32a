package io.stowage.server.crash;

import static io.stowage.server.crash.ChildServer.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * Kills a child server with SIGKILL while writers PUT, DELETE (writing delete markers) and DELETE by version id in a
 * bucket with versioning enabled. After each restart every key's versions must be exactly the acknowledged ones, in
 * order, each reading back byte-identical, give or take the one operation in flight at the kill (a new version or
 * marker on top, or the version it deleted gone); and the data directory must hold one blob file per stored version
 * above the inline threshold, nothing in tmp/.
 */
class VersionedCrashIT {

    private static final String BUCKET = "versioned-crash";
    private static final int KILL_ROUNDS = 3;
    private static final int WRITERS = 6;
    private static final int KEYS_PER_WRITER = 4;
    private static final int[] SIZES = {1024, 40 * 1024, 300 * 1024};

    @TempDir
    Path root;

    private ChildServer child;

    private enum Kind { VERSION, MARKER }

    /** One acknowledged entry of a key's version chain. */
    private record Entry(Kind kind, String versionId, int size, byte[] sha256) {
    }

    /** An operation whose outcome the kill left unknown. */
    private record InDoubt(String op, Kind adds, int size, byte[] sha256, String removes) {
    }

    /** A key's chain, newest first, and the operation in doubt (or null). */
    private static final class KeyState {
        final String key;
        final List<Entry> chain = new ArrayList<>();
        InDoubt inDoubt;

        KeyState(String key) {
            this.key = key;
        }
    }

    @AfterEach
    void killChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void acknowledgedVersionsAndDeleteMarkersSurviveSigkill() throws Exception {
        Path dataDir = root.resolve("data");
        long seed = System.nanoTime();
        System.out.println("VersionedCrashIT seed " + seed + ", data dir " + dataDir);
        Random random = new Random(seed);
        List<List<KeyState>> keysByWriter = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<KeyState> keys = new ArrayList<>();
            for (int k = 0; k < KEYS_PER_WRITER; k++) {
                keys.add(new KeyState("w" + w + "/key-" + k));
            }
            keysByWriter.add(keys);
        }
        AtomicLong attempts = new AtomicLong();
        int acknowledged = 0;
        int inDoubt = 0;
        for (int round = 1; round <= KILL_ROUNDS + 1; round++) {
            child = ChildServer.start("VersionedCrashIT", root, dataDir, round);
            try (S3Client s3 = child.client()) {
                if (round == 1) {
                    s3.createBucket(b -> b.bucket(BUCKET));
                    s3.putBucketVersioning(b -> b.bucket(BUCKET)
                            .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
                } else {
                    List<String> errors = new ArrayList<>();
                    for (List<KeyState> keys : keysByWriter) {
                        for (KeyState state : keys) {
                            verify(s3, state, errors);
                        }
                    }
                    assertThat(errors).as("keys not as acknowledged after restart %d", round - 1).isEmpty();
                    checkDataDir(dataDir, keysByWriter, round - 1);
                }
                if (round > KILL_ROUNDS) {
                    break;
                }
                int[] counts = writeAndKill(s3, keysByWriter, attempts, random.nextLong(), 1500 + random.nextInt(2001));
                acknowledged += counts[0];
                inDoubt += counts[1];
            }
        }
        long markers = keysByWriter.stream().flatMap(List::stream).flatMap(k -> k.chain.stream())
                .filter(e -> e.kind() == Kind.MARKER).count();
        System.out.printf("VersionedCrashIT: %d operations acknowledged, %d in doubt at kills, %d markers at the end%n",
                acknowledged, inDoubt, markers);
        assertThat(acknowledged).isPositive();
        assertThat(markers).as("delete markers in the final state").isPositive();
    }

    /** Runs the writers until the kill; returns {acknowledged, in doubt}. */
    private int[] writeAndKill(S3Client s3, List<List<KeyState>> keysByWriter, AtomicLong attempts, long seed, int killAfter)
            throws InterruptedException {
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger inDoubt = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<KeyState> keys = keysByWriter.get(w);
            SplittableRandom random = new SplittableRandom(seed + w);
            Thread thread = new Thread(() -> {
                while (!killed.get()) {
                    KeyState state = keys.get(random.nextInt(keys.size()));
                    try {
                        operate(s3, state, random, attempts.incrementAndGet());
                        acknowledged.incrementAndGet();
                    } catch (RuntimeException e) {
                        if (killed.get()) {
                            inDoubt.incrementAndGet();
                            return;
                        }
                        failures.add(state.key + ": " + e);
                        return;
                    }
                }
            }, "versioned-crash-writer-" + w);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        Thread.sleep(killAfter);
        killed.set(true);
        child.sigkill();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
            assertThat(thread.isAlive()).as("%s stopped after the kill", thread.getName()).isFalse();
        }
        assertThat(failures).as("operations that failed while the server was up").isEmpty();
        return new int[] {acknowledged.get(), inDoubt.get()};
    }

    /** One operation on a key; its expected effect is recorded as in doubt first and made certain when acknowledged. */
    private static void operate(S3Client s3, KeyState state, SplittableRandom random, long attempt) {
        int pick = random.nextInt(100);
        if (pick < 55 || state.chain.isEmpty()) {
            int size = SIZES[random.nextInt(SIZES.length)];
            byte[] body = CrashIT.body(state.key, attempt, size);
            byte[] sha = sha256(body);
            state.inDoubt = new InDoubt("PUT", Kind.VERSION, size, sha, null);
            String id = s3.putObject(b -> b.bucket(BUCKET).key(state.key), RequestBody.fromBytes(body)).versionId();
            state.chain.addFirst(new Entry(Kind.VERSION, id, size, sha));
        } else if (pick < 80) {
            state.inDoubt = new InDoubt("DELETE", Kind.MARKER, 0, null, null);
            String id = s3.deleteObject(b -> b.bucket(BUCKET).key(state.key)).versionId();
            state.chain.addFirst(new Entry(Kind.MARKER, id, 0, null));
        } else {
            Entry victim = state.chain.get(random.nextInt(state.chain.size()));
            state.inDoubt = new InDoubt("DELETE versionId", null, 0, null, victim.versionId());
            s3.deleteObject(b -> b.bucket(BUCKET).key(state.key).versionId(victim.versionId()));
            state.chain.remove(victim);
        }
        state.inDoubt = null;
    }

    /** Compares the key's listed versions with its chain, resolves what was in doubt, and reads every version back. */
    private static void verify(S3Client s3, KeyState state, List<String> errors) {
        ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(state.key));
        List<ObjectVersion> versions = listed.versions().stream().filter(v -> v.key().equals(state.key)).toList();
        List<DeleteMarkerEntry> markers = listed.deleteMarkers().stream().filter(m -> m.key().equals(state.key)).toList();
        List<String> ids = new ArrayList<>(versions.stream().map(ObjectVersion::versionId).toList());
        ids.addAll(markers.stream().map(DeleteMarkerEntry::versionId).toList());
        String latest = versions.stream().filter(ObjectVersion::isLatest).map(ObjectVersion::versionId).findFirst()
                .orElse(markers.stream().filter(DeleteMarkerEntry::isLatest).map(DeleteMarkerEntry::versionId)
                        .findFirst().orElse(null));

        List<Entry> expected = new ArrayList<>(state.chain);
        InDoubt doubt = state.inDoubt;
        if (doubt != null && doubt.removes() != null && !ids.contains(doubt.removes())) {
            expected.removeIf(e -> e.versionId().equals(doubt.removes()));
        }
        List<String> unknown = ids.stream().filter(id -> expected.stream().noneMatch(e -> e.versionId().equals(id))).toList();
        if (doubt != null && doubt.adds() != null && unknown.size() == 1) {
            String id = unknown.getFirst();
            boolean isMarker = markers.stream().anyMatch(m -> m.versionId().equals(id));
            if ((doubt.adds() == Kind.MARKER) != isMarker || !id.equals(latest)) {
                errors.add(state.key + ": the entry in doubt (" + doubt.op() + ") came back as "
                        + (isMarker ? "a marker" : "a version") + (id.equals(latest) ? "" : " below the latest"));
                return;
            }
            expected.addFirst(new Entry(doubt.adds(), id, doubt.size(), doubt.sha256()));
        }
        List<String> expectedIds = expected.stream().map(Entry::versionId).toList();
        if (!new java.util.HashSet<>(ids).equals(new java.util.HashSet<>(expectedIds)) || ids.size() != expectedIds.size()) {
            errors.add(state.key + ": listed " + ids + " but expected " + expectedIds + " (in doubt: " + doubt + ")");
            return;
        }
        String expectedLatest = expected.isEmpty() ? null : expected.getFirst().versionId();
        if (!java.util.Objects.equals(latest, expectedLatest)) {
            errors.add(state.key + ": latest is " + latest + ", expected " + expectedLatest);
        }
        List<String> versionOrder = expected.stream().filter(e -> e.kind() == Kind.VERSION).map(Entry::versionId).toList();
        if (!versions.stream().map(ObjectVersion::versionId).toList().equals(versionOrder)) {
            errors.add(state.key + ": versions listed out of order: " + versions.stream().map(ObjectVersion::versionId).toList()
                    + " expected " + versionOrder);
        }
        for (Entry entry : expected) {
            if (entry.kind() == Kind.VERSION) {
                byte[] data = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(state.key).versionId(entry.versionId()))
                        .asByteArray();
                if (data.length != entry.size() || !Arrays.equals(sha256(data), entry.sha256())) {
                    errors.add(state.key + "?versionId=" + entry.versionId() + ": " + data.length + " bytes that differ"
                            + " from the " + entry.size() + " written");
                }
            }
        }
        state.chain.clear();
        state.chain.addAll(expected);
        state.inDoubt = null;
    }

    private static void checkDataDir(Path dataDir, List<List<KeyState>> keysByWriter, int restart) throws Exception {
        long expectedBlobs = keysByWriter.stream().flatMap(List::stream).flatMap(k -> k.chain.stream())
                .filter(e -> e.kind() == Kind.VERSION && e.size() > ChildServer.INLINE_THRESHOLD).count();
        System.out.printf("VersionedCrashIT restart %d: %d blob files for %d versions above the inline threshold%n",
                restart, ChildServer.blobFiles(dataDir).size(), expectedBlobs);
        assertThat(ChildServer.tmpFiles(dataDir)).as("tmp/ after restart %d", restart).isEmpty();
        assertThat(ChildServer.blobFiles(dataDir)).as("blob files after restart %d", restart).hasSize((int) expectedBlobs);
    }
}
