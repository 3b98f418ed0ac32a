package io.stowage.bench.hot;

import io.stowage.s3.auth.Authentication;
import io.stowage.s3.auth.PayloadDecoder;
import io.stowage.s3.auth.PayloadMode;
import io.stowage.s3.auth.PayloadStream;
import io.stowage.s3.auth.SigningContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a whole aws-chunked request body from a byte array through
 * {@link PayloadDecoder#decode}, read in 64 KiB buffers as the upload handler reads it, next to
 * two baselines over the same payload bytes: a plain copy (reading the raw payload from a
 * ByteArrayInputStream into the same buffer) and SHA-256 of it in 64 KiB updates.
 *
 * <ul>
 *   <li>{@code signedChunks}: STREAMING-AWS4-HMAC-SHA256-PAYLOAD, 64 KiB chunks, each chunk
 *       signature checked (SHA-256 of the chunk + one HMAC per chunk).
 *   <li>{@code unsignedTrailer}: STREAMING-UNSIGNED-PAYLOAD-TRAILER, 64 KiB chunks, then an
 *       x-amz-checksum-crc32 trailer. The decoder only frames and collects the trailer; the
 *       CRC itself is verified by the upload handler, not measured here.
 * </ul>
 *
 * Average time per body; MiB/s = size / time. See docs/benchmarks.md, "Hot paths (JMH)".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ChunkedDecodingBenchmark {

    static final int CHUNK = 64 * 1024;
    static final String SEED_SIGNATURE = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";

    @State(Scope.Benchmark)
    public static class Bodies {

        /** Decoded body size in bytes: 1 MiB and 8 MiB. */
        @Param({"1048576", "8388608"})
        int size;

        byte[] payload;
        byte[] signedBody;
        byte[] unsignedTrailerBody;
        Authentication signedAuth;
        Authentication unsignedTrailerAuth;
        Map<String, List<String>> signedHeaders;
        Map<String, List<String>> unsignedTrailerHeaders;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            payload = new byte[size];
            new SplittableRandom(42).nextBytes(payload);
            signedBody = signedChunked(payload);
            unsignedTrailerBody = unsignedTrailerChunked(payload);
            SigningContext signing = new SigningContext(BenchSigner.signingKey(), BenchSigner.DATE_TIME,
                    BenchSigner.SCOPE, SEED_SIGNATURE);
            signedAuth = new Authentication(BenchSigner.ACCESS_KEY, PayloadMode.STREAMING_SIGNED, null, signing);
            unsignedTrailerAuth = new Authentication(BenchSigner.ACCESS_KEY, PayloadMode.STREAMING_UNSIGNED_TRAILER,
                    null, signing);
            String decodedLength = Integer.toString(size);
            signedHeaders = Map.of("content-encoding", List.of("aws-chunked"),
                    "x-amz-decoded-content-length", List.of(decodedLength));
            unsignedTrailerHeaders = Map.of("content-encoding", List.of("aws-chunked"),
                    "x-amz-decoded-content-length", List.of(decodedLength),
                    "x-amz-trailer", List.of("x-amz-checksum-crc32"));
            // check once that both bodies decode to the payload
            verify(PayloadDecoder.decode(new ByteArrayInputStream(signedBody), signedAuth, signedHeaders));
            verify(PayloadDecoder.decode(new ByteArrayInputStream(unsignedTrailerBody), unsignedTrailerAuth,
                    unsignedTrailerHeaders));
        }

        private void verify(PayloadStream stream) throws IOException {
            if (!Arrays.equals(stream.readAllBytes(), payload)) {
                throw new IllegalStateException("decoded body differs from the payload");
            }
            // (a trailer declared in x-amz-trailer but missing would have thrown from read)
        }

        private static byte[] signedChunked(byte[] data) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / CHUNK * 100 + 200);
            String previous = SEED_SIGNATURE;
            for (int offset = 0; offset < data.length; offset += CHUNK) {
                int length = Math.min(CHUNK, data.length - offset);
                previous = BenchSigner.chunkSignature(previous, data, offset, length);
                out.writeBytes(ascii(Integer.toHexString(length) + ";chunk-signature=" + previous + "\r\n"));
                out.write(data, offset, length);
                out.writeBytes(ascii("\r\n"));
            }
            previous = BenchSigner.chunkSignature(previous, data, 0, 0);
            out.writeBytes(ascii("0;chunk-signature=" + previous + "\r\n\r\n"));
            return out.toByteArray();
        }

        private static byte[] unsignedTrailerChunked(byte[] data) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / CHUNK * 10 + 200);
            for (int offset = 0; offset < data.length; offset += CHUNK) {
                int length = Math.min(CHUNK, data.length - offset);
                out.writeBytes(ascii(Integer.toHexString(length) + "\r\n"));
                out.write(data, offset, length);
                out.writeBytes(ascii("\r\n"));
            }
            CRC32 crc = new CRC32();
            crc.update(data);
            String checksum = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            out.writeBytes(ascii("0\r\nx-amz-checksum-crc32:" + checksum + "\r\n\r\n"));
            return out.toByteArray();
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The handler's read buffer. */
    @State(Scope.Thread)
    public static class Buffer {
        final byte[] bytes = new byte[CHUNK];
        final MessageDigest sha256 = BenchSigner.sha256();
    }

    @Benchmark
    public long signedChunks(Bodies bodies, Buffer buffer) throws IOException {
        return drain(PayloadDecoder.decode(new ByteArrayInputStream(bodies.signedBody), bodies.signedAuth,
                bodies.signedHeaders), buffer.bytes);
    }

    @Benchmark
    public long unsignedTrailer(Bodies bodies, Buffer buffer) throws IOException {
        PayloadStream stream = PayloadDecoder.decode(new ByteArrayInputStream(bodies.unsignedTrailerBody),
                bodies.unsignedTrailerAuth, bodies.unsignedTrailerHeaders);
        long n = drain(stream, buffer.bytes);
        return n + stream.trailers().size();
    }

    /** Baseline: the payload's bytes copied through the same buffer, no framing. */
    @Benchmark
    public long plainCopy(Bodies bodies, Buffer buffer) throws IOException {
        return drain(new ByteArrayInputStream(bodies.payload), buffer.bytes);
    }

    /** Baseline: SHA-256 of the payload in 64 KiB updates (what a chunk signature check must hash). */
    @Benchmark
    public byte[] sha256(Bodies bodies, Buffer buffer) {
        MessageDigest digest = buffer.sha256;
        byte[] data = bodies.payload;
        for (int offset = 0; offset < data.length; offset += CHUNK) {
            digest.update(data, offset, Math.min(CHUNK, data.length - offset));
        }
        return digest.digest();
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
