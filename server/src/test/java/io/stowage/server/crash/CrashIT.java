package io.stowage.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Kills a child server process with SIGKILL while concurrent PUTs are in flight, several times on
 * the same data directory. After each restart every acknowledged object must read back
 * byte-identical, a key whose PUT was in flight at the kill must hold its previous body or exactly
 * one of the bodies attempted for it (never a truncated or mixed one), nothing else may be listed,
 * and the recovery sweep must have left tmp/ empty and exactly one blob file per stored object
 * above the inline threshold.
 *
 * <p>Bodies are derived from (key, attempt id), so only a SHA-256 and the size of each attempt are
 * kept. Each writer thread owns its keys and writes them one PUT at a time, so a key's expected
 * state is always its last acknowledged body plus at most the one attempt in flight at a kill.
 */
class CrashIT {

    private static final String BUCKET = "crash";
    private static final int INLINE_THRESHOLD = ChildServer.INLINE_THRESHOLD;
    private static final int KILL_ROUNDS = 4;
    private static final int WRITERS = 8;
    private static final int MAX_KEYS_PER_WRITER = 24;
    private static final int[] SIZES = {1024, INLINE_THRESHOLD, INLINE_THRESHOLD + 1, 40 * 1024, 300 * 1024, 3 * 1024 * 1024};
    private static final int[] SIZE_WEIGHTS = {30, 8, 8, 24, 20, 10};

    @TempDir
    Path root;

    private ChildServer child;

    /** What one PUT tried to store. */
    private record Attempt(long id, int size, byte[] sha256) {

        @Override
        public String toString() {
            return "attempt " + id + " (" + size + " bytes, sha256 " + HexFormat.of().formatHex(sha256, 0, 8) + "…)";
        }
    }

    /** A key and what it must hold: {@code current} (null: absent) or one of {@code inDoubt}. */
    private static final class KeyState {
        final String key;
        Attempt current;
        final List<Attempt> inDoubt = new ArrayList<>();

        KeyState(String key) {
            this.key = key;
        }
    }

    /** Counts of one round's write phase. */
    private static final class RoundStats {
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger acknowledgedBlobs = new AtomicInteger();
        final AtomicInteger inDoubt = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        int inFlightAtKill;
    }

    /** A verified key: what it was found to hold, or an error. */
    private record Verified(KeyState state, Attempt found, String error) {
    }

    @AfterEach
    void killChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    @Timeout(value = 110, unit = TimeUnit.SECONDS)
    void acknowledgedPutsSurviveSigkillAndInterruptedOnesAreAllOrNothing() throws Exception {
        Path dataDir = root.resolve("data");
        long seed = System.nanoTime();
        System.out.println("CrashIT seed " + seed + ", data dir " + dataDir);
        Random random = new Random(seed);
        AtomicLong attemptIds = new AtomicLong();
        List<List<KeyState>> keysByWriter = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            keysByWriter.add(new ArrayList<>());
        }
        List<RoundStats> rounds = new ArrayList<>();

        for (int round = 1; round <= KILL_ROUNDS + 1; round++) {
            child = ChildServer.start("CrashIT", root, dataDir, round);
            try (S3Client s3 = child.client()) {
                if (round == 1) {
                    s3.createBucket(b -> b.bucket(BUCKET));
                } else {
                    verifyAfterRestart(s3, keysByWriter, round);
                    checkDataDir(dataDir, keysByWriter, round);
                }
                if (round > KILL_ROUNDS) {
                    break;
                }
                RoundStats stats = writeAndKill(s3, keysByWriter, attemptIds, random.nextLong(),
                        1500 + random.nextInt(2501), round);
                rounds.add(stats);
            }
        }

        assertThat(rounds).hasSize(KILL_ROUNDS);
        assertThat(rounds).as("rounds killed with PUTs in flight (in doubt)").anyMatch(stats -> stats.inDoubt.get() > 0);
        assertThat(rounds.stream().mapToInt(stats -> stats.acknowledgedBlobs.get()).sum())
                .as("acknowledged PUTs above the inline threshold").isPositive();
        long storedBlobs = allKeys(keysByWriter).stream()
                .filter(k -> k.current != null && k.current.size() > INLINE_THRESHOLD).count();
        long storedInline = allKeys(keysByWriter).stream()
                .filter(k -> k.current != null && k.current.size() <= INLINE_THRESHOLD).count();
        System.out.printf("CrashIT final state: %d objects in blob files, %d inline%n", storedBlobs, storedInline);
        assertThat(storedBlobs).as("objects stored in blob files at the end").isPositive();
        assertThat(storedInline).as("objects stored inline at the end").isPositive();
    }

    // ---- the write phase and the kill

    private RoundStats writeAndKill(S3Client s3, List<List<KeyState>> keysByWriter, AtomicLong attemptIds, long seed,
            int killAfterMillis, int round) throws InterruptedException {
        RoundStats stats = new RoundStats();
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            SplittableRandom random = new SplittableRandom(seed + w);
            List<KeyState> keys = keysByWriter.get(w);
            Thread thread = new Thread(() -> {
                try {
                    write(s3, writer, keys, random, attemptIds, killed, stats);
                } catch (Throwable t) {
                    stats.failures.add("writer " + writer + " died: " + t);
                }
            }, "crash-writer-" + w);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        Thread.sleep(killAfterMillis);
        killed.set(true);
        stats.inFlightAtKill = stats.inFlight.get();
        child.sigkill();

        long killedAt = System.nanoTime();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
            assertThat(thread.isAlive()).as("%s stopped after the kill", thread.getName()).isFalse();
        }
        System.out.printf("CrashIT round %d: killed after %d ms with %d PUTs in flight (writers stopped %d ms later); "
                        + "%d acknowledged (%d above the inline threshold), %d in doubt, %d failed before the kill%n",
                round, killAfterMillis, stats.inFlightAtKill, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt),
                stats.acknowledged.get(), stats.acknowledgedBlobs.get(), stats.inDoubt.get(), stats.failures.size());
        assertThat(stats.failures).as("PUTs that failed while the server was up (round %d)", round).isEmpty();
        assertThat(stats.acknowledged.get()).as("acknowledged PUTs in round %d", round).isPositive();
        return stats;
    }

    /** One writer: PUTs to its own keys, one at a time, until the kill. */
    private static void write(S3Client s3, int writer, List<KeyState> keys, SplittableRandom random,
            AtomicLong attemptIds, AtomicBoolean killed, RoundStats stats) {
        while (!killed.get()) {
            KeyState state;
            if (keys.isEmpty() || keys.size() < MAX_KEYS_PER_WRITER && random.nextInt(100) < 40) {
                state = new KeyState("w" + writer + "/key-" + keys.size());
                keys.add(state);
            } else {
                state = keys.get(random.nextInt(keys.size()));
            }
            int size = pickSize(random);
            long id = attemptIds.incrementAndGet();
            byte[] body = body(state.key, id, size);
            Attempt attempt = new Attempt(id, size, sha256(body));
            stats.inFlight.incrementAndGet();
            try {
                s3.putObject(b -> b.bucket(BUCKET).key(state.key), RequestBody.fromBytes(body));
                // acknowledged: this body is what the key must hold from now on
                state.current = attempt;
                state.inDoubt.clear();
                stats.acknowledged.incrementAndGet();
                if (size > INLINE_THRESHOLD) {
                    stats.acknowledgedBlobs.incrementAndGet();
                }
            } catch (RuntimeException e) {
                // the server may or may not have committed it: either outcome is allowed for this key
                state.inDoubt.add(attempt);
                if (killed.get()) {
                    stats.inDoubt.incrementAndGet();
                    return;
                }
                stats.failures.add(state.key + " " + attempt + ": " + e);
            } finally {
                stats.inFlight.decrementAndGet();
            }
        }
    }

    private static int pickSize(SplittableRandom random) {
        int total = Arrays.stream(SIZE_WEIGHTS).sum();
        int pick = random.nextInt(total);
        for (int i = 0; i < SIZES.length; i++) {
            pick -= SIZE_WEIGHTS[i];
            if (pick < 0) {
                return SIZES[i];
            }
        }
        throw new AssertionError();
    }

    /** The body of an attempt: a readable "key#attempt#" prefix, then pseudo-random bytes from both. */
    static byte[] body(String key, long attempt, int size) {
        byte[] data = new byte[size];
        new SplittableRandom(key.hashCode() * 0x9E3779B97F4A7C15L + attempt).nextBytes(data);
        byte[] prefix = (key + "#" + attempt + "#").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, data, 0, Math.min(prefix.length, size));
        return data;
    }

    // ---- verification after a restart

    private void verifyAfterRestart(S3Client s3, List<List<KeyState>> keysByWriter, int round) throws Exception {
        List<KeyState> keys = allKeys(keysByWriter);
        List<Verified> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Verified>> futures = new ArrayList<>();
            for (KeyState state : keys) {
                futures.add(pool.submit(() -> verify(s3, state)));
            }
            for (Future<Verified> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
        }
        List<String> errors = results.stream().map(Verified::error).filter(e -> e != null).toList();
        assertThat(errors).as("objects read back after restart %d (data dir %s)", round - 1, root.resolve("data"))
                .isEmpty();

        int acknowledgedOk = 0;
        int landed = 0;
        int keptPrevious = 0;
        int absent = 0;
        for (Verified result : results) {
            KeyState state = result.state();
            if (state.inDoubt.isEmpty()) {
                if (state.current != null) {
                    acknowledgedOk++;
                }
            } else if (result.found() == null) {
                absent++;
            } else if (result.found() == state.current) {
                keptPrevious++;
            } else {
                landed++;
            }
            // whatever is there now survived a SIGKILL and a recovery: it is the key's state from now on
            state.current = result.found();
            state.inDoubt.clear();
        }

        Map<String, Long> expected = new TreeMap<>();
        for (KeyState state : keys) {
            if (state.current != null) {
                expected.put(state.key, (long) state.current.size());
            }
        }
        Map<String, Long> listed = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
            listed.put(object.key(), object.size());
        }
        assertThat(listed).as("keys and sizes listed after restart %d", round - 1).isEqualTo(expected);
        System.out.printf("CrashIT restart %d: %d acknowledged objects read back identical; in-doubt keys: %d hold the "
                        + "attempted body, %d the previous body, %d absent; %d keys listed%n",
                round - 1, acknowledgedOk, landed, keptPrevious, absent, listed.size());
    }

    private static Verified verify(S3Client s3, KeyState state) {
        List<Attempt> allowed = new ArrayList<>();
        if (state.current != null) {
            allowed.add(state.current);
        }
        allowed.addAll(state.inDoubt);
        String expectation = (state.inDoubt.isEmpty() ? "acknowledged " : "in-doubt ") + "key " + state.key
                + " (last acknowledged: " + state.current + ", in doubt: " + state.inDoubt + ")";
        byte[] data;
        try {
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(state.key));
            data = got.asByteArray();
            Long declared = got.response().contentLength();
            if (declared == null || declared != data.length) {
                return new Verified(state, null, expectation + ": Content-Length " + declared + " but " + data.length
                        + " bytes received");
            }
        } catch (NoSuchKeyException e) {
            return state.current == null
                    ? new Verified(state, null, null)
                    : new Verified(state, null, expectation + ": GET says NoSuchKey");
        } catch (RuntimeException e) {
            return new Verified(state, null, expectation + ": GET failed: " + e);
        }
        byte[] sha = sha256(data);
        for (Attempt attempt : allowed) {
            if (attempt.size() == data.length && Arrays.equals(attempt.sha256(), sha)) {
                return new Verified(state, attempt, null);
            }
        }
        return new Verified(state, null, expectation + ": read back " + describe(state.key, data, allowed));
    }

    /** What came back instead: its length, its readable prefix, where it departs from each allowed body. */
    private static String describe(String key, byte[] data, List<Attempt> allowed) {
        int prefixEnd = 0;
        while (prefixEnd < Math.min(data.length, 64) && data[prefixEnd] >= 0x20 && data[prefixEnd] < 0x7f) {
            prefixEnd++;
        }
        StringBuilder sb = new StringBuilder().append(data.length).append(" bytes starting \"")
                .append(new String(data, 0, prefixEnd, StandardCharsets.US_ASCII)).append('"');
        for (Attempt attempt : allowed) {
            byte[] body = body(key, attempt.id(), attempt.size());
            int mismatch = Arrays.mismatch(body, data);
            sb.append("; vs ").append(attempt).append(": first difference at byte ").append(mismatch);
        }
        if (allowed.isEmpty()) {
            sb.append("; nothing was ever acknowledged or attempted to remain for it");
        }
        return sb.toString();
    }

    /** After recovery nothing is left in tmp/, and blobs/ holds exactly the stored bodies above the threshold. */
    private static void checkDataDir(Path dataDir, List<List<KeyState>> keysByWriter, int round) throws IOException {
        List<String> tmp = ChildServer.tmpFiles(dataDir);
        List<String> blobFiles = ChildServer.blobFiles(dataDir);
        long expectedBlobs = allKeys(keysByWriter).stream()
                .filter(k -> k.current != null && k.current.size() > INLINE_THRESHOLD).count();
        System.out.printf("CrashIT restart %d: tmp/ holds %d files, blobs/ %d files, %d objects above the inline threshold%n",
                round - 1, tmp.size(), blobFiles.size(), expectedBlobs);
        assertThat(tmp).as("files left in tmp/ after recovery (restart %d)", round - 1).isEmpty();
        assertThat(blobFiles).as("blob files after recovery (restart %d) vs objects above the inline threshold", round - 1)
                .hasSize((int) expectedBlobs);
    }

    private static List<KeyState> allKeys(List<List<KeyState>> keysByWriter) {
        return keysByWriter.stream().flatMap(List::stream).toList();
    }

    private static byte[] sha256(byte[] data) {
        return ChildServer.sha256(data);
    }
}
