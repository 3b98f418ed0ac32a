package io.stowage.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Kills a child server with SIGKILL while writer threads run multipart uploads (and a few single
 * PUTs and DELETEs) concurrently, several times on the same data directory, aiming some kills at
 * an UploadPart and some at a CompleteMultipartUpload in flight.
 *
 * <p>After each restart: every object whose PUT or Complete was acknowledged reads back
 * byte-identical (SHA-256 and length) with its ETag (the md5 of the parts' md5s for a completed
 * upload); a key whose last request was in flight holds either its previous content or the new
 * one, never anything else; every upload not completed is listed with exactly its acknowledged
 * parts (ETag and size; an UploadPart in flight left the old part, the new one or, for a new
 * number, none); an upload whose Complete was in flight is either completed (object present and
 * right, upload gone) or still in progress with all its parts, and then completing it again
 * succeeds and gives the right object; no other upload or key is listed; tmp/ is empty and the
 * blob files are exactly the blob-backed parts of the current objects and open uploads plus the
 * blob-backed single-PUT objects. At the end every remaining upload is aborted and the same
 * holds, with no upload left, after a clean stop and after a clean restart.
 *
 * <p>Bodies are derived from (key, upload, part number, revision), so only sizes and digests are
 * kept. Each writer owns its keys and its uploads and runs one request at a time, so at a kill
 * each key and each upload has at most one request in doubt.
 *
 * <p>Rounds are aimed in a shuffled order: at an UploadPart, at a Complete (the kill waits for one
 * to be in flight, then for a random part of that call's mean latency, and lands only if it is
 * still in flight) or at a random moment. A kill "hits" a call when the call was in flight just
 * before the kill and then failed; the test requires at least one hit UploadPart and one hit
 * Complete, adding rounds aimed at the missing one if needed.
 */
class MultipartCrashIT {

    private static final String NAME = "MultipartCrashIT";
    private static final String BUCKET = "mpcrash";
    private static final int INLINE_THRESHOLD = ChildServer.INLINE_THRESHOLD;
    private static final int KIB = 1024;
    private static final int PART = 5 * 1024 * KIB;
    private static final int KILL_ROUNDS = 6;
    /**
     * Rounds added, aimed at the missing call, when no kill of the first {@link #KILL_ROUNDS} hit an
     * UploadPart or a Complete in flight (the call may finish between the aim and the kill on a
     * loaded machine).
     */
    private static final int EXTRA_ROUNDS = 3;
    private static final int WRITERS = 4;
    private static final int KEYS_PER_WRITER = 4;
    private static final int MAX_OPEN_UPLOADS_PER_WRITER = 3;
    /**
     * A round's kill waits for this many acknowledged completions in the round (and in the first
     * two rounds for writers 0 and 1 to complete their first upload), or for {@link #MAX_WARMUP}.
     */
    private static final int MIN_COMPLETIONS_BEFORE_KILL = 2;
    private static final Duration MAX_WARMUP = Duration.ofSeconds(10);
    /** How long a round aimed at one call waits for a kill to land while such a call is in flight. */
    private static final Duration AIM_DEADLINE = Duration.ofSeconds(6);

    @TempDir
    Path root;

    // ---- the model

    /** The requests a writer makes. */
    enum Call { CREATE, UPLOAD_PART, COMPLETE, ABORT, PUT, DELETE }

    /** What a round's kill waits for: an UploadPart or a Complete in flight, or nothing (a random moment). */
    enum Aim { UPLOAD_PART, COMPLETE, ANY }

    /** One request of one writer; compared by identity. */
    private static final class InFlight {
        final Call call;
        final int writer;
        final String target;

        InFlight(Call call, int writer, String target) {
            this.call = call;
            this.writer = writer;
            this.target = target;
        }

        @Override
        public String toString() {
            return call + " " + target + " (writer " + writer + ")";
        }
    }

    /** A part's content: its bytes are derived from (key, upload sequence number, part number, revision). */
    private record PartBody(String key, long upload, int number, int revision, int size, byte[] md5) {

        /** A part with the given bytes, which must be {@code bytes(key, upload, number, revision, bytes.length)}. */
        static PartBody of(String key, long upload, int number, int revision, byte[] bytes) {
            return new PartBody(key, upload, number, revision, bytes.length, MultipartCrashIT.md5(bytes));
        }

        byte[] bytes() {
            return MultipartCrashIT.bytes(key, upload, number, revision, size);
        }

        String etag() {
            return "\"" + HexFormat.of().formatHex(md5) + "\"";
        }

        boolean blob() {
            return size > INLINE_THRESHOLD;
        }

        @Override
        public String toString() {
            return "part " + number + " rev " + revision + " (" + size + " bytes, etag " + etag() + ")";
        }
    }

    /** What a key may hold: a single PUT's body or a completed upload's parts. */
    private abstract static sealed class Content permits Single, Assembled {
        private byte[] sha256;

        abstract long size();

        abstract String etag();

        abstract int blobs();

        /** Feeds the expected bytes, in order, to {@code sink}. */
        abstract void expectedBytes(Consumer<byte[]> sink);

        synchronized byte[] sha256() {
            if (sha256 == null) {
                MessageDigest digest = ChildServer.sha256();
                expectedBytes(digest::update);
                sha256 = digest.digest();
            }
            return sha256;
        }

        byte[] allBytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            expectedBytes(out::writeBytes);
            return out.toByteArray();
        }
    }

    /** A single PUT: one body, "part 0" of a pseudo-upload numbered by its id. */
    private static final class Single extends Content {
        final PartBody body;

        Single(PartBody body) {
            this.body = body;
        }

        @Override
        long size() {
            return body.size();
        }

        @Override
        String etag() {
            return body.etag();
        }

        @Override
        int blobs() {
            return body.blob() ? 1 : 0;
        }

        @Override
        void expectedBytes(Consumer<byte[]> sink) {
            sink.accept(body.bytes());
        }

        @Override
        public String toString() {
            return "PUT #" + body.upload() + " (" + body.size() + " bytes)";
        }
    }

    /** A completed upload: its chosen parts, in order. */
    private static final class Assembled extends Content {
        final Upload upload;
        final List<PartBody> parts;

        Assembled(Upload upload, List<PartBody> parts) {
            this.upload = upload;
            this.parts = List.copyOf(parts);
        }

        @Override
        long size() {
            return parts.stream().mapToLong(PartBody::size).sum();
        }

        @Override
        String etag() {
            MessageDigest md5 = md5Digest();
            parts.forEach(p -> md5.update(p.md5()));
            return "\"" + HexFormat.of().formatHex(md5.digest()) + "-" + parts.size() + "\"";
        }

        @Override
        int blobs() {
            return (int) parts.stream().filter(PartBody::blob).count();
        }

        @Override
        void expectedBytes(Consumer<byte[]> sink) {
            parts.forEach(p -> sink.accept(p.bytes()));
        }

        List<CompletedPart> completedParts() {
            return parts.stream().map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        }

        @Override
        public String toString() {
            return "upload #" + upload.seq + " completed from " + parts.stream().map(p -> p.number() + "r" + p.revision()
                    + ":" + p.size()).collect(Collectors.joining(", ", "[", "]")) + " (" + size() + " bytes, etag " + etag() + ")";
        }
    }

    /** A key: {@code current} (null: absent) and, when its last request is in doubt, {@code attempted} (null: a DELETE). */
    private static final class KeyState {
        final String key;
        Content current;
        boolean inDoubt;
        Content attempted;

        KeyState(String key) {
            this.key = key;
        }

        void attempt(Content content) {
            inDoubt = true;
            attempted = content;
        }

        void acknowledge(Content content) {
            current = content;
            inDoubt = false;
            attempted = null;
        }
    }

    /** An upload created by a writer (or adopted after an in-doubt create): its acknowledged parts and what is in doubt. */
    private static final class Upload {
        final long seq;
        final KeyState key;
        final String id;
        final TreeMap<Integer, PartBody> parts = new TreeMap<>();
        /** An UploadPart in flight at the kill. */
        PartBody partInDoubt;
        /** A Complete in flight at the kill. */
        Assembled completing;
        /** An Abort in flight at the kill. */
        boolean abortInDoubt;

        Upload(long seq, KeyState key, String id) {
            this.seq = seq;
            this.key = key;
            this.id = id;
        }

        int nextRevision(int number) {
            PartBody existing = parts.get(number);
            return existing == null ? 0 : existing.revision() + 1;
        }

        int blobs() {
            return (int) parts.values().stream().filter(PartBody::blob).count();
        }

        @Override
        public String toString() {
            return "upload #" + seq + " " + key.key + " id " + id;
        }
    }

    /** Counters by name, for one round or the whole test. */
    private static final class Counts {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        void add(String name) {
            counts.computeIfAbsent(name, n -> new LongAdder()).increment();
        }

        long get(String name) {
            LongAdder adder = counts.get(name);
            return adder == null ? 0 : adder.sum();
        }

        void addAll(Counts other) {
            other.counts.forEach((name, adder) -> counts.computeIfAbsent(name, n -> new LongAdder()).add(adder.sum()));
        }

        @Override
        public String toString() {
            return new TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().sum())
                    .collect(Collectors.joining(", "));
        }
    }

    /** Mean latency of acknowledged calls, by call, to size the jitter of an aimed kill. */
    private static final class Latencies {
        private final Map<Call, LongAdder[]> sums = new ConcurrentHashMap<>();

        void add(Call call, long nanos) {
            LongAdder[] s = sums.computeIfAbsent(call, c -> new LongAdder[] {new LongAdder(), new LongAdder()});
            s[0].add(nanos);
            s[1].increment();
        }

        long meanNanos(Call call, long fallback) {
            LongAdder[] s = sums.get(call);
            return s == null || s[1].sum() == 0 ? fallback : s[0].sum() / s[1].sum();
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** A writer: its keys and open uploads persist across rounds; a round runs it on a fresh thread. */
    private static final class Writer {
        final int index;
        final List<KeyState> keys = new ArrayList<>();
        final List<Upload> open = new ArrayList<>();
        volatile InFlight inFlight;
        InFlight failedAtKill;
        /** The key of a CreateMultipartUpload in flight at the kill. */
        KeyState createInDoubt;

        // one round's context
        int newUploadsThisRound;
        /** Whether this round's first upload (a forced shape for writers 0 and 1) was completed. */
        volatile boolean forcedCompleted;
        S3Client s3;
        SplittableRandom random;
        AtomicBoolean killed;
        Counts counts;
        Latencies latencies;
        AtomicLong sequence;
        ConcurrentLinkedQueue<String> failures;

        Writer(int index) {
            this.index = index;
            for (int k = 0; k < KEYS_PER_WRITER; k++) {
                keys.add(new KeyState("w" + index + "/obj-" + k));
            }
        }

        void run() {
            try {
                while (true) {
                    step();
                }
            } catch (Stopped stopped) {
                // killed, or a failure already recorded
            }
        }

        private void step() {
            int roll = random.nextInt(100);
            if (open.size() >= MAX_OPEN_UPLOADS_PER_WRITER || (!open.isEmpty() && roll < 10)) {
                Upload upload = open.get(random.nextInt(open.size()));
                if (random.nextInt(100) < 30) {
                    abort(upload);
                } else {
                    resume(upload);
                }
            } else if (roll < 18) {
                KeyState key = keys.get(random.nextInt(keys.size()));
                int[] sizes = {KIB, 20 * KIB, INLINE_THRESHOLD + 1, 300 * KIB, 1024 * KIB};
                put(key, sizes[random.nextInt(sizes.length)]);
            } else if (roll < 22) {
                delete(keys.get(random.nextInt(keys.size())));
            } else {
                newUpload(keys.get(random.nextInt(keys.size())));
            }
        }

        /** A new upload of one of four shapes, with some parts re-uploaded or left out; a few are left open. */
        private void newUpload(KeyState key) {
            Upload upload = create(key);
            // the first upload of writers 0 and 1 in each round replaces a part and leaves one out
            boolean forced = newUploadsThisRound++ == 0 && index < 2;
            int shape = forced ? 99 : random.nextInt(100);
            List<Integer> chosen = new ArrayList<>();
            if (shape < 30) {
                // tiny: one inline part, so Complete is frequent
                uploadPart(upload, 1, 1 + random.nextInt(20 * KIB));
                chosen.add(1);
            } else if (shape < 45) {
                // one small part in a blob file
                uploadPart(upload, 1, INLINE_THRESHOLD + 1 + random.nextInt(200 * KIB));
                chosen.add(1);
            } else if (shape < 80) {
                uploadPart(upload, 1, PART);
                uploadPart(upload, 2, lastPartSize());
                chosen.addAll(List.of(1, 2));
                if (random.nextInt(100) < 40) {
                    int again = 1 + random.nextInt(2);
                    uploadPart(upload, again, again == 1 ? PART : lastPartSize());
                }
            } else {
                uploadPart(upload, 1, PART);
                uploadPart(upload, 2, PART);
                uploadPart(upload, 3, lastPartSize());
                chosen.addAll(List.of(1, 2, 3));
                if (forced || random.nextInt(100) < 40) {
                    int again = forced ? 1 + 2 * index : 1 + random.nextInt(3);
                    uploadPart(upload, again, again == 3 ? lastPartSize() : PART);
                }
                if (forced ? index == 0 : random.nextInt(100) < 40) {
                    // part 2 is left out of the object and freed at completion
                    chosen.remove(Integer.valueOf(2));
                }
                if (forced ? index == 1 : random.nextInt(100) < 25) {
                    // an extra part after the last chosen one, also freed at completion
                    uploadPart(upload, 5, PART);
                }
            }
            if (!forced && random.nextInt(100) < 8) {
                counts.add("uploads left open");
                return;
            }
            complete(upload, chosen);
            if (forced) {
                forcedCompleted = true;
            }
        }

        /** Completes an open upload: a part first if it has none (or sometimes one more), then the longest valid run. */
        private void resume(Upload upload) {
            if (upload.parts.isEmpty()) {
                uploadPart(upload, 1, random.nextBoolean() ? PART : lastPartSize());
            }
            if (random.nextBoolean()) {
                uploadPart(upload, upload.parts.lastKey() + 1, lastPartSize());
            }
            List<Integer> chosen = new ArrayList<>();
            for (PartBody part : upload.parts.values()) {
                chosen.add(part.number());
                if (part.size() < PART) {
                    break;
                }
            }
            counts.add("uploads resumed");
            complete(upload, chosen);
        }

        private int lastPartSize() {
            return switch (random.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> 1 + random.nextInt(INLINE_THRESHOLD);
                case 5, 6, 7, 8 -> INLINE_THRESHOLD + 1 + random.nextInt(300 * KIB);
                default -> PART;
            };
        }

        private Upload create(KeyState key) {
            stopIfKilled();
            createInDoubt = key;
            String id = call(Call.CREATE, key.key, () ->
                    s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key.key)).uploadId());
            createInDoubt = null;
            Upload upload = new Upload(sequence.incrementAndGet(), key, id);
            open.add(upload);
            return upload;
        }

        private void uploadPart(Upload upload, int number, int size) {
            boolean replacing = upload.parts.containsKey(number);
            int revision = upload.nextRevision(number);
            byte[] bytes = bytes(upload.key.key, upload.seq, number, revision, size);
            PartBody part = PartBody.of(upload.key.key, upload.seq, number, revision, bytes);
            stopIfKilled();
            upload.partInDoubt = part;
            UploadPartResponse response = call(Call.UPLOAD_PART, upload + " " + part, () -> s3.uploadPart(b -> b.bucket(BUCKET)
                    .key(upload.key.key).uploadId(upload.id).partNumber(number), RequestBody.fromBytes(bytes)));
            upload.parts.put(number, part);
            upload.partInDoubt = null;
            if (replacing) {
                counts.add(part.blob() ? "blob parts replaced" : "inline parts replaced");
            }
            if (!part.etag().equals(response.eTag())) {
                failures.add("writer " + index + ": " + upload + " " + part + " acknowledged with ETag " + response.eTag());
                throw new Stopped();
            }
        }

        private void complete(Upload upload, List<Integer> numbers) {
            Assembled assembled = new Assembled(upload, numbers.stream().map(upload.parts::get).toList());
            long unchosenBlobs = upload.parts.values().stream()
                    .filter(p -> p.blob() && !numbers.contains(p.number())).count();
            stopIfKilled();
            upload.completing = assembled;
            upload.key.attempt(assembled);
            CompleteMultipartUploadResponse response = call(Call.COMPLETE, upload + " " + numbers, () ->
                    s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(upload.key.key).uploadId(upload.id)
                            .multipartUpload(m -> m.parts(assembled.completedParts()))));
            upload.key.acknowledge(assembled);
            upload.completing = null;
            open.remove(upload);
            if (unchosenBlobs > 0) {
                counts.add("completions leaving blob parts out");
            }
            if (!assembled.etag().equals(response.eTag())) {
                failures.add("writer " + index + ": " + assembled + " acknowledged with ETag " + response.eTag());
                throw new Stopped();
            }
        }

        private void abort(Upload upload) {
            stopIfKilled();
            upload.abortInDoubt = true;
            call(Call.ABORT, upload.toString(), () ->
                    s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(upload.key.key).uploadId(upload.id)));
            upload.abortInDoubt = false;
            open.remove(upload);
        }

        private void put(KeyState key, int size) {
            long id = sequence.incrementAndGet();
            byte[] bytes = bytes(key.key, id, 0, 0, size);
            Single single = new Single(PartBody.of(key.key, id, 0, 0, bytes));
            stopIfKilled();
            key.attempt(single);
            String etag = call(Call.PUT, key.key + " " + single, () ->
                    s3.putObject(b -> b.bucket(BUCKET).key(key.key), RequestBody.fromBytes(bytes)).eTag());
            key.acknowledge(single);
            if (!single.etag().equals(etag)) {
                failures.add("writer " + index + ": " + key.key + " " + single + " acknowledged with ETag " + etag);
                throw new Stopped();
            }
        }

        private void delete(KeyState key) {
            stopIfKilled();
            key.attempt(null);
            call(Call.DELETE, key.key, () -> s3.deleteObject(b -> b.bucket(BUCKET).key(key.key)));
            key.acknowledge(null);
        }

        /** Before a request's outcome is marked in doubt: a writer sends nothing once the kill is decided. */
        private void stopIfKilled() {
            if (killed.get()) {
                throw new Stopped();
            }
        }

        /**
         * One request, sent even if the kill comes after {@link #stopIfKilled()} (then it is in doubt
         * like any other): marked in flight, timed, and on failure either in doubt (after the kill)
         * or a test failure.
         */
        private <T> T call(Call kind, String target, Supplier<T> request) {
            InFlight op = new InFlight(kind, index, target);
            inFlight = op;
            long started = System.nanoTime();
            try {
                T result = request.get();
                latencies.add(kind, System.nanoTime() - started);
                counts.add(kind + " acknowledged");
                return result;
            } catch (RuntimeException e) {
                if (killed.get()) {
                    failedAtKill = op;
                    counts.add(kind + " in doubt");
                } else {
                    failures.add("writer " + index + ": " + op + " failed while the server was up: " + e);
                }
                throw new Stopped();
            } finally {
                inFlight = null;
            }
        }
    }

    // ---- the test

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void multipartUploadsSurviveSigkillDuringUploadPartAndComplete() throws Exception {
        Path dataDir = root.resolve("data");
        long seed = System.nanoTime();
        System.out.println(NAME + " seed " + seed + ", data dir " + dataDir);
        Random random = new Random(seed);
        List<Writer> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(new Writer(w));
        }
        AtomicLong sequence = new AtomicLong();
        Latencies latencies = new Latencies();
        Counts total = new Counts();
        List<Aim> aims = new ArrayList<>();
        for (int i = 0; i < KILL_ROUNDS; i++) {
            aims.add(Aim.values()[i % Aim.values().length]);
        }
        Collections.shuffle(aims, random);
        List<String> summaries = new ArrayList<>();

        for (int round = 1; ; round++) {
            try (ChildServer child = ChildServer.start(NAME, root, dataDir, round); S3Client s3 = child.client()) {
                Counts counts = new Counts();
                if (round == 1) {
                    s3.createBucket(b -> b.bucket(BUCKET));
                } else {
                    verifyAfterRestart(s3, child, dataDir, writers, sequence, counts, round - 1);
                    summaries.add("restart " + (round - 1) + ": " + counts);
                    System.out.println(NAME + " restart " + (round - 1) + " outcomes: " + counts);
                    total.addAll(counts);
                }
                Aim aim = round <= KILL_ROUNDS ? aims.get(round - 1) : round <= KILL_ROUNDS + EXTRA_ROUNDS ? missingHit(total) : null;
                if (aim == null) {
                    finish(s3, child, dataDir, writers, sequence, round);
                    break;
                }
                Counts roundCounts = new Counts();
                String summary = writeAndKill(child, s3, writers, sequence, latencies, roundCounts, aim,
                        800 + random.nextInt(1700), random.nextLong(), round);
                summaries.add(summary);
                total.addAll(roundCounts);
            }
        }

        System.out.println(NAME + " summary:");
        summaries.forEach(s -> System.out.println(NAME + "   " + s));
        System.out.println(NAME + " totals: " + total);
        assertThat(total.get("kill hit UPLOAD_PART")).as("kills that hit an UploadPart in flight").isPositive();
        assertThat(total.get("kill hit COMPLETE")).as("kills that hit a Complete in flight").isPositive();
        assertThat(total.get("COMPLETE acknowledged")).as("acknowledged completions").isPositive();
        assertThat(total.get("blob parts replaced")).as("acknowledged re-uploads of blob parts").isPositive();
        assertThat(total.get("completions leaving blob parts out")).as("completions that freed unchosen blob parts").isPositive();
    }

    /** The aim of an extra round: a call no kill has hit in flight yet, or null when both were hit. */
    private static Aim missingHit(Counts total) {
        if (total.get("kill hit COMPLETE") == 0) {
            return Aim.COMPLETE;
        }
        if (total.get("kill hit UPLOAD_PART") == 0) {
            return Aim.UPLOAD_PART;
        }
        return null;
    }

    // ---- the write phase and the kill

    private String writeAndKill(ChildServer child, S3Client s3, List<Writer> writers, AtomicLong sequence,
            Latencies latencies, Counts counts, Aim aim, int warmupMillis, long seed, int round) throws InterruptedException {
        AtomicBoolean killed = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (Writer writer : writers) {
            writer.s3 = s3;
            writer.random = new SplittableRandom(seed + writer.index);
            writer.killed = killed;
            writer.counts = counts;
            writer.latencies = latencies;
            writer.sequence = sequence;
            writer.failures = failures;
            writer.inFlight = null;
            writer.failedAtKill = null;
            writer.createInDoubt = null;
            writer.newUploadsThisRound = 0;
            writer.forcedCompleted = false;
            Thread thread = new Thread(() -> {
                try {
                    writer.run();
                } catch (Throwable t) {
                    failures.add("writer " + writer.index + " died: " + t);
                }
            }, "mpcrash-writer-" + writer.index);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        SplittableRandom killRandom = new SplittableRandom(seed);
        long started = System.nanoTime();
        Thread.sleep(warmupMillis);
        // on a loaded machine, let the round make some progress before the kill (in the first two
        // rounds, up to the completion of the uploads that replace a part and leave one out)
        while ((counts.get("COMPLETE acknowledged") < MIN_COMPLETIONS_BEFORE_KILL
                        || round <= 2 && !(writers.get(0).forcedCompleted && writers.get(1).forcedCompleted))
                && System.nanoTime() - started < MAX_WARMUP.toNanos() && failures.isEmpty()) {
            Thread.sleep(20);
        }
        String aimedAt = "a random moment";
        if (aim != Aim.ANY) {
            Call call = aim == Aim.COMPLETE ? Call.COMPLETE : Call.UPLOAD_PART;
            InFlight target = awaitAndJitter(writers, call, latencies, killRandom);
            aimedAt = target == null ? "a " + call + " (none in flight within " + AIM_DEADLINE.toSeconds() + " s)"
                    : target.toString();
        }
        killed.set(true);
        List<InFlight> atKill = new ArrayList<>();
        for (Writer writer : writers) {
            InFlight op = writer.inFlight;
            if (op != null) {
                atKill.add(op);
            }
        }
        child.sigkill();
        long killedAt = System.nanoTime();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
            assertThat(thread.isAlive()).as("%s stopped after the kill", thread.getName()).isFalse();
        }
        assertThat(failures).as("requests that failed while the server was up (round %d)", round).isEmpty();

        List<InFlight> hits = new ArrayList<>();
        for (Writer writer : writers) {
            if (writer.failedAtKill != null && atKill.contains(writer.failedAtKill)) {
                hits.add(writer.failedAtKill);
                counts.add("kill hit " + writer.failedAtKill.call);
            }
        }
        String summary = String.format("round %d: aimed at %s; killed after %d ms with %s in flight; in doubt after the kill: %s;"
                        + " writers stopped %d ms later; mean UploadPart %d ms, Complete %d ms; %s", round, aim,
                TimeUnit.NANOSECONDS.toMillis(killedAt - started),
                atKill.stream().map(op -> op.call.toString()).sorted().toList(),
                hits.stream().map(op -> op.call.toString()).sorted().toList(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt),
                TimeUnit.NANOSECONDS.toMillis(latencies.meanNanos(Call.UPLOAD_PART, 0)),
                TimeUnit.NANOSECONDS.toMillis(latencies.meanNanos(Call.COMPLETE, 0)), counts);
        System.out.println(NAME + " " + summary);
        System.out.println(NAME + " round " + round + " kill landed during: " + aimedAt + "; in flight: " + atKill);
        assertThat(counts.get("COMPLETE acknowledged") + counts.get("UPLOAD_PART acknowledged"))
                .as("acknowledged multipart requests in round %d", round).isPositive();
        return summary;
    }

    /**
     * Waits for a call of the given kind in flight, then for a random part of that call's mean
     * latency, and returns it if it is still in flight (the caller kills at once); else waits for
     * the next one. Null when none was caught before the deadline.
     */
    private static InFlight awaitAndJitter(List<Writer> writers, Call call, Latencies latencies, SplittableRandom random) {
        long deadline = System.nanoTime() + AIM_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Writer holder = null;
            InFlight op = null;
            for (Writer writer : writers) {
                InFlight candidate = writer.inFlight;
                if (candidate != null && candidate.call == call) {
                    holder = writer;
                    op = candidate;
                    break;
                }
            }
            if (op == null) {
                LockSupport.parkNanos(20_000);
                continue;
            }
            long mean = latencies.meanNanos(call, TimeUnit.MILLISECONDS.toNanos(call == Call.COMPLETE ? 3 : 40));
            long jitter = random.nextLong(Math.max(1, mean));
            long until = System.nanoTime() + jitter;
            while (System.nanoTime() < until && holder.inFlight == op) {
                if (until - System.nanoTime() > 200_000) {
                    LockSupport.parkNanos(100_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            if (holder.inFlight == op) {
                return op;
            }
        }
        return null;
    }

    // ---- verification after a restart

    /** What a GET found: the content it matched (null: absent), or an error. */
    private record Found(KeyState key, Content content, String error) {
    }

    private void verifyAfterRestart(S3Client s3, ChildServer child, Path dataDir, List<Writer> writers, AtomicLong sequence,
            Counts counts, int restart) throws Exception {
        List<String> errors = new ArrayList<>();
        String where = " (restart " + restart + ", data dir " + dataDir + ", child log " + child.log() + ")";

        // 1. every key holds its acknowledged content, or for a request in doubt the attempted one
        Map<KeyState, Found> found = readAll(s3, writers.stream().flatMap(w -> w.keys.stream()).toList());
        found.values().stream().map(Found::error).filter(e -> e != null).forEach(errors::add);

        // 2. the uploads: listed exactly, with their parts; an in-doubt Complete either happened or can be redone
        Map<String, String> listed = new LinkedHashMap<>();
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(BUCKET)).uploads()) {
            listed.put(upload.uploadId(), upload.key());
        }
        List<Runnable> redoCompletions = new ArrayList<>();
        for (Writer writer : writers) {
            for (Upload upload : List.copyOf(writer.open)) {
                boolean isListed = listed.remove(upload.id) != null;
                if (upload.completing != null) {
                    Found f = found.get(upload.key);
                    boolean completed = f.error() == null && f.content() == upload.completing;
                    if (completed) {
                        counts.add("in-doubt Complete: completed");
                        if (isListed) {
                            errors.add(upload + ": its Complete was in flight and the object is the completed one, but the"
                                    + " upload is still listed");
                        }
                        writer.open.remove(upload);
                    } else {
                        counts.add("in-doubt Complete: still in progress");
                        if (!isListed) {
                            errors.add(upload + ": its Complete was in flight; the upload is gone but the key holds "
                                    + (f.error() != null ? "an unexpected body" : f.content()) + " instead of "
                                    + upload.completing);
                            writer.open.remove(upload);
                            continue;
                        }
                        checkParts(s3, upload, counts, errors);
                        Assembled again = upload.completing;
                        redoCompletions.add(() -> redoCompletion(s3, writer, upload, again, counts, errors));
                    }
                    upload.completing = null;
                } else if (upload.abortInDoubt) {
                    upload.abortInDoubt = false;
                    if (isListed) {
                        counts.add("in-doubt Abort: still in progress");
                        checkParts(s3, upload, counts, errors);
                    } else {
                        counts.add("in-doubt Abort: aborted");
                        writer.open.remove(upload);
                    }
                } else if (!isListed) {
                    errors.add(upload + " with " + upload.parts.values() + " is no longer listed; it was never completed"
                            + " or aborted");
                    writer.open.remove(upload);
                } else {
                    checkParts(s3, upload, counts, errors);
                }
            }
        }
        // a CreateMultipartUpload in flight may have created an upload that nobody knows the id of
        for (Writer writer : writers) {
            KeyState key = writer.createInDoubt;
            writer.createInDoubt = null;
            if (key == null) {
                continue;
            }
            List<String> unknown = listed.entrySet().stream().filter(e -> e.getValue().equals(key.key)).map(Map.Entry::getKey)
                    .toList();
            if (unknown.size() > 1) {
                errors.add("one CreateMultipartUpload for " + key.key + " was in flight but " + unknown.size()
                        + " unknown uploads are listed for it: " + unknown);
            }
            if (unknown.isEmpty()) {
                counts.add("in-doubt Create: not created");
            } else {
                counts.add("in-doubt Create: created (adopted)");
                Upload adopted = new Upload(sequence.incrementAndGet(), key, unknown.getFirst());
                listed.remove(adopted.id);
                checkParts(s3, adopted, counts, errors);
                writer.open.add(adopted);
            }
        }
        if (!listed.isEmpty()) {
            errors.add("uploads listed that were never created or were completed or aborted: " + listed);
        }

        // the keys' contents are now settled: what survived the kill and a recovery is their state from now on
        for (Found f : found.values()) {
            KeyState key = f.key();
            if (key.inDoubt && f.error() == null) {
                String kind = key.attempted instanceof Assembled ? "Complete" : key.attempted == null ? "DELETE" : "PUT";
                if (!(key.attempted instanceof Assembled)) {
                    counts.add("in-doubt " + kind + ": " + (f.content() == key.current ? "previous content" : "landed"));
                }
            }
            if (f.error() == null) {
                key.acknowledge(f.content());
            }
        }
        redoCompletions.forEach(Runnable::run);

        // 3. nothing else is listed, with the right sizes and ETags
        Map<String, String> expectedListing = new TreeMap<>();
        for (Writer writer : writers) {
            for (KeyState key : writer.keys) {
                if (key.current != null) {
                    expectedListing.put(key.key, key.current.size() + " " + key.current.etag());
                }
            }
        }
        Map<String, String> listing = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
            listing.put(object.key(), object.size() + " " + object.eTag());
        }
        if (!listing.equals(expectedListing)) {
            errors.add("listed objects " + listing + " but expected " + expectedListing);
        }

        // 4. the data directory: recovery left tmp/ empty and exactly the referenced blobs
        String dirState = dataDirState(dataDir, writers);
        if (!errors.isEmpty()) {
            throw new AssertionError(errors.size() + " problems after restart " + restart + where + ":\n  "
                    + String.join("\n  ", errors) + "\ndata dir: " + dirState + "\nrecovery: " + child.recoverySummary());
        }
        System.out.println(NAME + " restart " + restart + ": " + dirState + "; " + child.recoverySummary());
        checkDataDir(dataDir, writers, "after restart " + restart + where);
    }

    /** ListParts of an upload: every acknowledged part with its ETag and size; a part in doubt old, new or absent; nothing else. */
    private static void checkParts(S3Client s3, Upload upload, Counts counts, List<String> errors) {
        Map<Integer, String> listed = new TreeMap<>();
        try {
            s3.listPartsPaginator(b -> b.bucket(BUCKET).key(upload.key.key).uploadId(upload.id)).parts()
                    .forEach(p -> listed.put(p.partNumber(), p.size() + " " + p.eTag()));
        } catch (NoSuchUploadException e) {
            errors.add(upload + " is listed but ListParts says NoSuchUpload");
            return;
        }
        PartBody inDoubt = upload.partInDoubt;
        upload.partInDoubt = null;
        Map<Integer, String> expected = new TreeMap<>();
        upload.parts.values().forEach(p -> expected.put(p.number(), p.size() + " " + p.etag()));
        if (inDoubt != null) {
            String seen = listed.get(inDoubt.number());
            String attempted = inDoubt.size() + " " + inDoubt.etag();
            PartBody previous = upload.parts.get(inDoubt.number());
            if (attempted.equals(seen)) {
                counts.add("in-doubt UploadPart: new part listed");
                upload.parts.put(inDoubt.number(), inDoubt);
                expected.put(inDoubt.number(), attempted);
            } else if (previous != null) {
                counts.add("in-doubt UploadPart: previous part listed");
            } else {
                counts.add("in-doubt UploadPart: part absent");
            }
        }
        if (!listed.equals(expected)) {
            errors.add(upload + ": ListParts gives " + listed + " but the acknowledged parts are " + expected
                    + (inDoubt == null ? "" : " (in doubt: " + inDoubt + ")"));
        }
    }

    /** Completes again an upload whose Complete was in flight and that is still in progress: it must succeed. */
    private static void redoCompletion(S3Client s3, Writer writer, Upload upload, Assembled assembled, Counts counts,
            List<String> errors) {
        try {
            CompleteMultipartUploadResponse response = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(upload.key.key)
                    .uploadId(upload.id).multipartUpload(m -> m.parts(assembled.completedParts())));
            if (!assembled.etag().equals(response.eTag())) {
                errors.add(upload + ": completed again with ETag " + response.eTag() + ", expected " + assembled.etag());
            }
        } catch (RuntimeException e) {
            errors.add(upload + ": its Complete was in flight and it is still in progress, but completing it now fails: " + e);
            return;
        }
        writer.open.remove(upload);
        upload.key.acknowledge(assembled);
        Found f = read(s3, upload.key, Arrays.asList(assembled));
        if (f.error() != null) {
            errors.add("after completing again: " + f.error());
        } else {
            counts.add("in-doubt Complete: completed now");
        }
    }

    private static Map<KeyState, Found> readAll(S3Client s3, List<KeyState> keys) throws Exception {
        Map<KeyState, Found> found = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            Map<KeyState, Future<Found>> futures = new LinkedHashMap<>();
            for (KeyState key : keys) {
                List<Content> allowed = new ArrayList<>();
                allowed.add(key.current);
                if (key.inDoubt) {
                    allowed.add(key.attempted);
                }
                futures.put(key, pool.submit(() -> read(s3, key, allowed)));
            }
            for (Map.Entry<KeyState, Future<Found>> e : futures.entrySet()) {
                found.put(e.getKey(), e.getValue().get(60, TimeUnit.SECONDS));
            }
        }
        return found;
    }

    /** GETs a key and matches it (length, SHA-256, then ETag) against the allowed contents (null: absent). */
    private static Found read(S3Client s3, KeyState key, List<Content> allowed) {
        String expectation = key.key + " (may hold: " + allowed.stream().map(c -> c == null ? "nothing" : c.toString())
                .collect(Collectors.joining(" or ")) + ")";
        MessageDigest digest = ChildServer.sha256();
        long length = 0;
        String etag;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(BUCKET).key(key.key))) {
            byte[] buffer = new byte[256 * KIB];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                length += n;
            }
            etag = in.response().eTag();
            Long declared = in.response().contentLength();
            if (declared == null || declared != length) {
                return new Found(key, null, expectation + ": Content-Length " + declared + " but " + length + " bytes received");
            }
        } catch (NoSuchKeyException e) {
            return allowed.contains(null) ? new Found(key, null, null)
                    : new Found(key, null, expectation + ": GET says NoSuchKey");
        } catch (IOException | RuntimeException e) {
            return new Found(key, null, expectation + ": GET failed: " + e);
        }
        byte[] sha = digest.digest();
        for (Content content : allowed) {
            if (content != null && content.size() == length && Arrays.equals(content.sha256(), sha)) {
                if (!content.etag().equals(etag)) {
                    return new Found(key, null, expectation + ": the bytes of " + content + " but ETag " + etag);
                }
                return new Found(key, content, null);
            }
        }
        return new Found(key, null, expectation + ": read back " + describe(s3, key, allowed, length, etag));
    }

    /** What came back instead: length, ETag, the readable prefix at each 5 MiB boundary, where it departs from each allowed content. */
    private static String describe(S3Client s3, KeyState key, List<Content> allowed, long length, String etag) {
        StringBuilder sb = new StringBuilder().append(length).append(" bytes, ETag ").append(etag);
        byte[] data;
        try {
            data = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key.key)).asByteArray();
        } catch (RuntimeException e) {
            return sb.append(" (a second GET failed: ").append(e).append(')').toString();
        }
        for (int offset = 0; offset < data.length; offset += PART) {
            int end = offset;
            while (end < Math.min(data.length, offset + 64) && data[end] >= 0x20 && data[end] < 0x7f) {
                end++;
            }
            sb.append("; at ").append(offset).append(": \"").append(new String(data, offset, end - offset,
                    StandardCharsets.US_ASCII)).append('"');
        }
        for (Content content : allowed) {
            if (content != null) {
                sb.append("; vs ").append(content).append(": first difference at byte ")
                        .append(Arrays.mismatch(content.allBytes(), data));
            }
        }
        return sb.toString();
    }

    // ---- the end: abort what is left, stop cleanly, restart

    private void finish(S3Client s3, ChildServer child, Path dataDir, List<Writer> writers, AtomicLong sequence, int start)
            throws Exception {
        // one more completion that leaves a blob part out, and one more upload with blob parts (one
        // replaced), so the checks below always see such parts freed
        Writer first = writers.getFirst();
        first.s3 = s3;
        first.killed = new AtomicBoolean();
        first.counts = new Counts();
        first.latencies = new Latencies();
        first.sequence = sequence;
        first.failures = new ConcurrentLinkedQueue<>();
        try {
            Upload subset = first.create(first.keys.get(1));
            first.uploadPart(subset, 1, PART);
            first.uploadPart(subset, 2, PART);
            first.uploadPart(subset, 3, INLINE_THRESHOLD + 1);
            first.complete(subset, List.of(1, 3));
            Upload extra = first.create(first.keys.getFirst());
            first.uploadPart(extra, 1, PART);
            first.uploadPart(extra, 1, PART);
            first.uploadPart(extra, 2, INLINE_THRESHOLD + 1);
        } catch (Stopped e) {
            throw new AssertionError("a last upload failed: " + first.failures);
        }

        int aborted = 0;
        int abortedBlobs = 0;
        for (Writer writer : writers) {
            for (Upload upload : List.copyOf(writer.open)) {
                s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(upload.key.key).uploadId(upload.id));
                aborted++;
                abortedBlobs += upload.blobs();
                writer.open.remove(upload);
            }
        }
        assertThat(s3.listMultipartUploadsPaginator(b -> b.bucket(BUCKET)).uploads()).as("uploads after aborting all").isEmpty();
        System.out.printf("%s end: aborted %d uploads holding %d blob parts%n", NAME, aborted, abortedBlobs);
        checkDataDir(dataDir, writers, "after aborting every upload");

        child.stop();
        checkDataDir(dataDir, writers, "after a clean stop");
        try (ChildServer again = ChildServer.start(NAME, root, dataDir, start + 1); S3Client s3Again = again.client()) {
            System.out.println(NAME + " end: after a clean stop, " + again.recoverySummary());
            assertThat(again.recoverySummary()).as("recovery sweep after a clean stop")
                    .contains("0 committed blobs moved from tmp/, 0 orphan temp files deleted");
            assertThat(s3Again.listMultipartUploadsPaginator(b -> b.bucket(BUCKET)).uploads())
                    .as("uploads after a clean restart").isEmpty();
            Map<KeyState, Found> found = readAll(s3Again, writers.stream().flatMap(w -> w.keys.stream()).toList());
            assertThat(found.values().stream().map(Found::error).filter(e -> e != null).toList())
                    .as("objects read back after a clean restart").isEmpty();
            long objects = found.values().stream().filter(f -> f.content() != null).count();
            checkDataDir(dataDir, writers, "after a clean restart");
            System.out.printf("%s end: %d objects read back after a clean restart, %s%n", NAME, objects,
                    dataDirState(dataDir, writers));
        }
    }

    // ---- the data directory

    private static long expectedBlobs(List<Writer> writers) {
        long blobs = 0;
        for (Writer writer : writers) {
            for (KeyState key : writer.keys) {
                if (key.current != null) {
                    blobs += key.current.blobs();
                }
            }
            for (Upload upload : writer.open) {
                blobs += upload.blobs();
            }
        }
        return blobs;
    }

    private static String dataDirState(Path dataDir, List<Writer> writers) throws IOException {
        long objectBlobs = 0;
        long uploadBlobs = 0;
        long uploads = 0;
        for (Writer writer : writers) {
            for (KeyState key : writer.keys) {
                objectBlobs += key.current == null ? 0 : key.current.blobs();
            }
            for (Upload upload : writer.open) {
                uploadBlobs += upload.blobs();
                uploads++;
            }
        }
        return String.format("tmp/ holds %s, blobs/ %d files; expected %d blob parts of objects + %d of %d open uploads;"
                        + " data dir %d MiB", ChildServer.tmpFiles(dataDir), ChildServer.blobFiles(dataDir).size(), objectBlobs,
                uploadBlobs, uploads, ChildServer.diskUsage(dataDir) >> 20);
    }

    /** tmp/ is empty and blobs/ holds exactly the blob-backed parts of the objects and open uploads. */
    private static void checkDataDir(Path dataDir, List<Writer> writers, String when) throws IOException {
        String state = dataDirState(dataDir, writers);
        assertThat(ChildServer.tmpFiles(dataDir)).as("files in tmp/ %s: %s", when, state).isEmpty();
        assertThat(ChildServer.blobFiles(dataDir)).as("blob files %s: %s", when, state).hasSize((int) expectedBlobs(writers));
    }

    // ---- bodies

    /** The bytes of a part: a readable "key/u<upload>/p<number>r<revision>#" prefix, then pseudo-random bytes from all four. */
    static byte[] bytes(String key, long upload, int number, int revision, int size) {
        byte[] data = new byte[size];
        long seed = key.hashCode() * 0x9E3779B97F4A7C15L + upload * 0xC2B2AE3D27D4EB4FL + number * 0x165667B19E3779F9L + revision;
        new SplittableRandom(seed).nextBytes(data);
        byte[] prefix = (key + "/u" + upload + "/p" + number + "r" + revision + "#").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, data, 0, Math.min(prefix.length, size));
        return data;
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] md5(byte[] data) {
        return md5Digest().digest(data);
    }
}
