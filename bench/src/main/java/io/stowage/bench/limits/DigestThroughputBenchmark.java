package io.stowage.bench.limits;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MD5, SHA-256 and CRC32C of a 1 MiB buffer of random bytes on one thread: the per-core ceilings
 * of the checksums an upload may need (MD5 for the ETag, SHA-256 for a signed payload, CRC32C
 * for x-amz-checksum-crc32c). Each operation digests the whole buffer, so MB/s = ops/s x
 * 1.048576. bench/limits.sh runs it with shorter iterations; see docs/benchmarks.md,
 * "Machine limits".
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Threads(1)
public class DigestThroughputBenchmark {

    static final int SIZE = 1024 * 1024;

    @State(Scope.Thread)
    public static class Input {

        final byte[] buffer = new byte[SIZE];
        final CRC32C crc32c = new CRC32C();
        MessageDigest md5;
        MessageDigest sha256;

        @Setup(Level.Trial)
        public void setUp() throws NoSuchAlgorithmException {
            new SplittableRandom(42).nextBytes(buffer);
            md5 = MessageDigest.getInstance("MD5");
            sha256 = MessageDigest.getInstance("SHA-256");
        }
    }

    @Benchmark
    public byte[] md5(Input in) {
        return in.md5.digest(in.buffer);
    }

    @Benchmark
    public byte[] sha256(Input in) {
        return in.sha256.digest(in.buffer);
    }

    @Benchmark
    public long crc32c(Input in) {
        in.crc32c.reset();
        in.crc32c.update(in.buffer);
        return in.crc32c.getValue();
    }
}
