package io.stowage.bench;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.engine.store.RocksEngine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Puts and reads through the real engine on a real directory, with the body inline in the
 * RocksDB record (threshold 1 MiB) or in a blob file (threshold 0), to choose
 * {@link EngineConfig#DEFAULT_INLINE_THRESHOLD} by measurement. See docs/benchmarks.md.
 *
 * <p>A put is the full durable path: {@code newBody}, write in 64 KiB chunks (as the S3 upload
 * handler does), {@code finish} (fsync of file and tmp/ for a blob) and {@code apply} (synced
 * RocksDB batch, rename, deletion of the replaced blob). Each thread overwrites a few keys
 * round-robin so the store does not grow. A read is {@code open} plus copying every byte into
 * a direct buffer, from the inline array or from the blob's FileChannel; the read keys are
 * flushed to SST files (by reopening the engine) before measuring, so inline reads come from
 * the block cache rather than the memtable.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
public class InlineThresholdBenchmark {

    static final String BUCKET = "bench";
    static final String OWNER = "bench-owner";
    static final String ETAG = "0123456789abcdef0123456789abcdef";
    static final Map<String, String> HEADERS = Map.of("content-type", "application/octet-stream");
    static final int CHUNK = 64 * 1024;
    static final int KEYS_PER_THREAD = 8;
    static final int BODIES_PER_THREAD = 4;
    static final int READ_KEYS = 16;

    /** One engine per trial, in a fresh directory deleted afterwards. */
    @State(Scope.Benchmark)
    public static class Store {

        @Param({"4096", "16384", "32768", "65536", "131072", "262144"})
        int size;

        /**
         * inline: threshold 1 MiB, every body in the record; blob: threshold 0, every body in a
         * file. JMH orders parameters by name, so "storage" after "size" runs the inline and
         * blob trials of one size back to back: their ratio is the least disturbed by a noisy
         * machine.
         */
        @Param({"inline", "blob"})
        String storage;

        Path dir;
        RocksEngine engine;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("stowage-bench-");
            engine = open();
            engine.apply(new CreateBucket(BUCKET, "us-east-1", OWNER, System.currentTimeMillis()));
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < READ_KEYS; i++) {
                put(engine, readKey(i), randomBytes(random, size));
            }
            // reopening replays the WAL into SST files: reads then come from the block cache
            engine.close();
            engine = open();
            ObjectBody body = engine.object(BUCKET, readKey(0), null).body();
            boolean inline = body instanceof ObjectBody.Inline;
            if (inline != "inline".equals(storage)) {
                throw new IllegalStateException("storage " + storage + " stored a " + body.getClass().getSimpleName());
            }
        }

        private RocksEngine open() {
            int threshold = switch (storage) {
                case "inline" -> 1024 * 1024;
                case "blob" -> 0;
                default -> throw new IllegalArgumentException("unknown storage " + storage);
            };
            return RocksEngine.open(new EngineConfig(dir, threshold));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            EngineDirs.closeAndDelete(engine, dir);
        }
    }

    /** A thread's own keys, random bodies and read buffer. */
    @State(Scope.Thread)
    public static class Worker {

        String[] keys;
        byte[][] bodies;
        ByteBuffer readBuffer;
        int next;

        @Setup(Level.Trial)
        public void setUp(Store store, ThreadParams thread) {
            SplittableRandom random = new SplittableRandom(1000L + thread.getThreadIndex());
            keys = new String[KEYS_PER_THREAD];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = "put/t" + thread.getThreadIndex() + "/k" + i;
            }
            bodies = new byte[BODIES_PER_THREAD][];
            for (int i = 0; i < bodies.length; i++) {
                bodies[i] = randomBytes(random, store.size);
            }
            readBuffer = ByteBuffer.allocateDirect(store.size);
        }
    }

    @Benchmark
    @Threads(1)
    public ObjectVersion put(Store store, Worker worker) throws IOException {
        return doPut(store, worker);
    }

    /** Eight writers: the synced RocksDB writes of different keys group-commit. */
    @Benchmark
    @Threads(8)
    public ObjectVersion put8Threads(Store store, Worker worker) throws IOException {
        return doPut(store, worker);
    }

    @Benchmark
    @Threads(1)
    public int read(Store store, Worker worker) throws IOException {
        int n = worker.next++;
        ByteBuffer buffer = worker.readBuffer.clear();
        try (OpenedObject opened = store.engine.open(BUCKET, readKey(n % READ_KEYS), null)) {
            byte[] inline = opened.inlineData();
            if (inline != null) {
                buffer.put(inline);
            } else {
                FileChannel channel = opened.channel();
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read the whole blob
                }
            }
        }
        if (buffer.position() != store.size) {
            throw new IllegalStateException("read " + buffer.position() + " of " + store.size + " bytes");
        }
        return buffer.get(store.size - 1);
    }

    private static ObjectVersion doPut(Store store, Worker worker) throws IOException {
        int n = worker.next++;
        return put(store.engine, worker.keys[n % KEYS_PER_THREAD], worker.bodies[n % BODIES_PER_THREAD]);
    }

    static ObjectVersion put(RocksEngine engine, String key, byte[] data) throws IOException {
        ObjectBody body;
        try (BodyWriter writer = engine.newBody(data.length)) {
            for (int offset = 0; offset < data.length; offset += CHUNK) {
                writer.write(ByteBuffer.wrap(data, offset, Math.min(CHUNK, data.length - offset)));
            }
            body = writer.finish();
        }
        ObjectVersion version = new ObjectVersion(key, ObjectVersion.NULL_ID, false, data.length, ETAG,
                System.currentTimeMillis(), OWNER, HEADERS, Map.of(), Map.of(), body, null);
        try {
            return engine.apply(new PutObject(BUCKET, version));
        } catch (RuntimeException e) {
            engine.discard(body);
            throw e;
        }
    }

    static String readKey(int i) {
        return "read/k" + i;
    }

    /** Incompressible bytes, so RocksDB's compression does not flatter inline bodies. */
    static byte[] randomBytes(SplittableRandom random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
