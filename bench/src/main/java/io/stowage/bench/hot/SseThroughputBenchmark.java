package io.stowage.bench.hot;

import io.stowage.s3.sse.BodyCipher;
import io.stowage.s3.sse.CiphertextSource;
import io.stowage.s3.sse.Envelopes;
import io.stowage.s3.sse.MasterKeyStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Server-side encryption of a 64 MiB body on one thread, read in 64 KiB buffers as the upload
 * and GET paths read: {@code encrypt} drains the encrypting stream over the plaintext,
 * {@code decrypt} drains the decrypting stream over the whole stored body (64 KiB segments,
 * AES-256-GCM), and {@code plainCopy} drains the plaintext itself through the same buffer, the
 * baseline the other two are divided by. Keys come from a real {@link MasterKeyStore} in a
 * temporary directory. Average time per body; MiB/s = 64 / seconds per op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class SseThroughputBenchmark {

    static final int SIZE = 64 * 1024 * 1024;
    static final int BUFFER = 64 * 1024;

    @State(Scope.Benchmark)
    public static class Body {

        Path keys;
        BodyCipher cipher;
        byte[] plaintext;
        byte[] stored;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            keys = Files.createTempDirectory("sse-bench").resolve("keys");
            cipher = new Envelopes(MasterKeyStore.open(keys)).forMasterKey().cipher();
            plaintext = new byte[SIZE];
            new SplittableRandom(42).nextBytes(plaintext);
            try (InputStream in = cipher.encrypt(new ByteArrayInputStream(plaintext), BodyCipher.SINGLE_PART)) {
                stored = in.readAllBytes();
            }
            // check once that the stored body decrypts to the plaintext
            if (!Arrays.equals(decrypting().readAllBytes(), plaintext)) {
                throw new IllegalStateException("decrypted body differs from the plaintext");
            }
        }

        InputStream decrypting() {
            return cipher.decrypt(CiphertextSource.of(stored), BodyCipher.SINGLE_PART, SIZE, 0, SIZE);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            try (Stream<Path> paths = Files.walk(keys.getParent())) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The handler's read buffer. */
    @State(Scope.Thread)
    public static class Buffer {
        final byte[] bytes = new byte[BUFFER];
    }

    /** Baseline: the plaintext copied through the same buffer. */
    @Benchmark
    public long plainCopy(Body body, Buffer buffer) throws IOException {
        return drain(new ByteArrayInputStream(body.plaintext), buffer.bytes);
    }

    @Benchmark
    public long encrypt(Body body, Buffer buffer) throws IOException {
        return drain(body.cipher.encrypt(new ByteArrayInputStream(body.plaintext), BodyCipher.SINGLE_PART), buffer.bytes);
    }

    @Benchmark
    public long decrypt(Body body, Buffer buffer) throws IOException {
        return drain(body.decrypting(), buffer.bytes);
    }

    private static long drain(InputStream in, byte[] buffer) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
        }
        return total;
    }
}
