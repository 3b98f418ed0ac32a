package io.stowage.bench.hot;

import io.stowage.s3.auth.AuthRequest;
import io.stowage.s3.auth.Authentication;
import io.stowage.s3.auth.SigV4Authenticator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * {@link SigV4Authenticator#authenticate} of a precomputed signed request, on one thread: the
 * full check the server runs before every request (parse the Authorization header or the
 * presigned query, canonical request, string to sign, HMAC, constant-time compare). The
 * authenticator is built once per trial and checked once in setup, so its signing-key cache is
 * warm and the measurement is the per-request cost. See docs/benchmarks.md, "Hot paths (JMH)".
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class SigV4Benchmark {

    static final String BUCKET = "photos";
    static final String PATH = "/" + BUCKET + "/2026/11/22/IMG_0042.jpg";

    @State(Scope.Benchmark)
    public static class Requests {

        SigV4Authenticator authenticator;
        /** GET with the Authorization header, as the AWS SDK for Java v2 sends it (path-style, plain HTTP). */
        AuthRequest headerGet;
        /** GET of a presigned URL (X-Amz-SignedHeaders=host, 1 hour), as a browser or curl sends it. */
        AuthRequest presignedGet;

        @Setup(Level.Trial)
        public void setUp() {
            Clock clock = Clock.fixed(Instant.parse("2026-11-22T02:46:00Z"), ZoneOffset.UTC);
            authenticator = new SigV4Authenticator(
                    id -> BenchSigner.ACCESS_KEY.equals(id) ? Optional.of(BenchSigner.SECRET_KEY) : Optional.empty(),
                    BenchSigner.REGION, clock);
            headerGet = headerGet();
            presignedGet = presignedGet();
            // fails loudly if the inputs are not valid, and warms the signing-key cache
            check(authenticator.authenticate(headerGet));
            check(authenticator.authenticate(presignedGet));
        }

        private static void check(Authentication authentication) {
            if (!BenchSigner.ACCESS_KEY.equals(authentication.accessKeyId())) {
                throw new IllegalStateException("authenticated as " + authentication.accessKeyId());
            }
        }

        private static AuthRequest headerGet() {
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("host", "127.0.0.1:9000");
            signed.put("amz-sdk-invocation-id", "c7a1b2d3-4e5f-6071-8293-a4b5c6d7e8f9");
            signed.put("amz-sdk-request", "attempt=1; max=4");
            signed.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
            signed.put("x-amz-date", BenchSigner.DATE_TIME);
            String signature = BenchSigner.requestSignature("GET", PATH, "", signed, "UNSIGNED-PAYLOAD");
            Map<String, String> headers = new LinkedHashMap<>(signed);
            headers.put("user-agent", "aws-sdk-java/2.55.16 Linux/6.18 OpenJDK_64-Bit_Server_VM/25 Java/25 md/io#sync"
                    + " md/http#Apache ua/2.1 api/S3#2.55.x os/Linux lang/java#25 m/D,N");
            headers.put("accept-encoding", "identity");
            headers.put("connection", "Keep-Alive");
            headers.put("authorization", "AWS4-HMAC-SHA256 Credential=" + BenchSigner.ACCESS_KEY + "/"
                    + BenchSigner.SCOPE + ", SignedHeaders=" + BenchSigner.signedHeaders(signed)
                    + ", Signature=" + signature);
            return new AuthRequest("GET", PATH, null, BenchSigner.headerLists(headers));
        }

        private static AuthRequest presignedGet() {
            // already in canonical order (sorted by name) and encoding
            String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                    + "&X-Amz-Credential=" + BenchSigner.ACCESS_KEY + "%2F" + BenchSigner.SCOPE.replace("/", "%2F")
                    + "&X-Amz-Date=" + BenchSigner.DATE_TIME
                    + "&X-Amz-Expires=3600"
                    + "&X-Amz-SignedHeaders=host";
            Map<String, String> signed = Map.of("host", "127.0.0.1:9000");
            String signature = BenchSigner.requestSignature("GET", PATH, query, signed, "UNSIGNED-PAYLOAD");
            Map<String, String> headers = new LinkedHashMap<>(signed);
            headers.put("user-agent", "curl/8.5.0");
            headers.put("accept", "*/*");
            return new AuthRequest("GET", PATH, query + "&X-Amz-Signature=" + signature,
                    BenchSigner.headerLists(headers));
        }
    }

    @Benchmark
    public Authentication headerSignedGet(Requests requests) {
        return requests.authenticator.authenticate(requests.headerGet);
    }

    @Benchmark
    public Authentication presignedGet(Requests requests) {
        return requests.authenticator.authenticate(requests.presignedGet);
    }
}
