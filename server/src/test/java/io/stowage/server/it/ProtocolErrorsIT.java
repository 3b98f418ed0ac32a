package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What S3 clients rarely send but a server must answer right: bad names, bad signatures, skewed
 * clocks, presigned URLs, unsigned requests, Expect: 100-continue, broken connections. Each
 * error must be an S3 XML error with the right code and status.
 */
@ExtendWith(StowageServerExtension.class)
class ProtocolErrorsIT {

    private static final String BUCKET = TestData.bucketName("protocol");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void createBucket(S3Client s3) {
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key("hello.txt"), RequestBody.fromString("hello"));
    }

    @Test
    void invalidBucketNamesAreInvalidBucketName(URI endpoint) throws Exception {
        for (String name : new String[] {"ab", "UpperCase", "under_score", "192.168.1.1", "-leading", "double..dot", "xn--punycode",
                "a".repeat(64)}) {
            RawHttp.Response r = signedSend(endpoint, "PUT", "/" + name, new byte[0]);
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(RawHttp.errorCodes(r)).as(name).containsExactly("InvalidBucketName");
        }
    }

    @Test
    void unsignedRequestsAreAccessDenied(URI endpoint) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/" + BUCKET + "/hello.txt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>AccessDenied</Code>").contains("<RequestId>");
        assertThat(r.headers().firstValue("x-amz-request-id")).isPresent();
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatchAndUnknownKeyIsInvalidAccessKeyId(URI endpoint) throws Exception {
        Map<String, String> wrongSecret = RawHttp.sign(endpoint, "GET", "/" + BUCKET + "/hello.txt", new byte[0], Map.of(),
                StowageServerExtension.ACCESS_KEY, "not-the-secret", Clock.systemUTC());
        RawHttp.Response r = RawHttp.send(endpoint, "GET", "/" + BUCKET + "/hello.txt", wrongSecret, new byte[0]);
        assertThat(r.status()).isEqualTo(403);
        assertThat(RawHttp.errorCodes(r)).containsExactly("SignatureDoesNotMatch");

        Map<String, String> unknownKey = RawHttp.sign(endpoint, "GET", "/" + BUCKET + "/hello.txt", new byte[0], Map.of(),
                "NOSUCHKEY", "whatever-secret", Clock.systemUTC());
        r = RawHttp.send(endpoint, "GET", "/" + BUCKET + "/hello.txt", unknownKey, new byte[0]);
        assertThat(r.status()).isEqualTo(403);
        assertThat(RawHttp.errorCodes(r)).containsExactly("InvalidAccessKeyId");
    }

    @Test
    void clockSkewOverFifteenMinutesIsRequestTimeTooSkewed(URI endpoint) throws Exception {
        Clock skewed = Clock.fixed(Instant.now().minus(Duration.ofMinutes(16)), ZoneOffset.UTC);
        Map<String, String> headers = RawHttp.sign(endpoint, "GET", "/" + BUCKET + "/hello.txt", new byte[0], Map.of(),
                StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY, skewed);
        RawHttp.Response r = RawHttp.send(endpoint, "GET", "/" + BUCKET + "/hello.txt", headers, new byte[0]);
        assertThat(r.status()).isEqualTo(403);
        assertThat(RawHttp.errorCodes(r)).containsExactly("RequestTimeTooSkewed");

        Clock slightlyOff = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        headers = RawHttp.sign(endpoint, "GET", "/" + BUCKET + "/hello.txt", new byte[0], Map.of(),
                StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY, slightlyOff);
        assertThat(RawHttp.send(endpoint, "GET", "/" + BUCKET + "/hello.txt", headers, new byte[0]).text()).isEqualTo("hello");
    }

    @Test
    void signedPayloadMismatchIsXAmzContentSha256Mismatch(URI endpoint) throws Exception {
        Map<String, String> headers = RawHttp.signRoot(endpoint, "PUT", "/" + BUCKET + "/tampered", "original".getBytes(), Map.of());
        RawHttp.Response r = RawHttp.send(endpoint, "PUT", "/" + BUCKET + "/tampered", headers, "tampered".getBytes());
        assertThat(r.status()).isEqualTo(400);
        assertThat(RawHttp.errorCodes(r)).containsExactly("XAmzContentSHA256Mismatch");
        RawHttp.Response get = signedSend(endpoint, "GET", "/" + BUCKET + "/tampered", new byte[0]);
        assertThat(get.status()).isEqualTo(404);
    }

    @Test
    void everyStreamingPayloadEncodingOfTheSdkSignerIsAccepted(URI endpoint, S3Client s3) throws Exception {
        byte[] payload = TestData.bytes(200_000, 77);
        record Variant(String name, boolean signChunks, software.amazon.awssdk.checksums.spi.ChecksumAlgorithm trailer) {
        }
        for (Variant v : List.of(
                new Variant("signed-chunks", true, null),
                new Variant("signed-chunks-crc32c-trailer", true, software.amazon.awssdk.checksums.DefaultChecksumAlgorithm.CRC32C),
                new Variant("unsigned-chunks-sha256-trailer", false, software.amazon.awssdk.checksums.DefaultChecksumAlgorithm.SHA256))) {
            String path = "/" + BUCKET + "/streaming/" + v.name();
            RawHttp.Encoded encoded = RawHttp.signStreaming(endpoint, path, payload, v.signChunks(), v.trailer());
            RawHttp.Response r = RawHttp.send(endpoint, "PUT", path, encoded.headers(), encoded.body());
            assertThat(r.status()).as(v.name() + ": " + r.text()).isEqualTo(200);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("streaming/" + v.name())).asByteArray()).as(v.name()).isEqualTo(payload);
        }
        // A flipped byte inside a signed chunk is caught by its chunk signature.
        String path = "/" + BUCKET + "/streaming/tampered";
        RawHttp.Encoded encoded = RawHttp.signStreaming(endpoint, path, payload, true, null);
        byte[] tampered = encoded.body().clone();
        tampered[tampered.length / 2] ^= 1;
        RawHttp.Response r = RawHttp.send(endpoint, "PUT", path, encoded.headers(), tampered);
        assertThat(r.status()).isEqualTo(403);
        assertThat(RawHttp.errorCodes(r)).containsExactly("SignatureDoesNotMatch");
        assertThat(RawHttp.send(endpoint, "GET", path, RawHttp.signRoot(endpoint, "GET", path, new byte[0], Map.of()), new byte[0]).status())
                .isEqualTo(404);
    }

    @Test
    void presignedGetAndPutWorkWithAPlainHttpClient(S3Presigner presigner) throws Exception {
        URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(BUCKET).key("presigned/file.txt"))).url().toURI();
        HttpResponse<String> putResponse = HTTP.send(HttpRequest.newBuilder(put)
                .PUT(HttpRequest.BodyPublishers.ofString("via presigned url")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(putResponse.statusCode()).isEqualTo(200);

        URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(o -> o.bucket(BUCKET).key("presigned/file.txt"))).url().toURI();
        HttpResponse<String> getResponse = HTTP.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(getResponse.statusCode()).isEqualTo(200);
        assertThat(getResponse.body()).isEqualTo("via presigned url");

        URI tampered = URI.create(get.toString().replace("presigned/file.txt", "presigned/other.txt"));
        HttpResponse<String> denied = HTTP.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void expiredPresignedUrlIsAccessDenied(URI endpoint) throws Exception {
        String path = "/" + BUCKET + "/hello.txt";
        URI fresh = RawHttp.presign(endpoint, "GET", path, Clock.systemUTC(), Duration.ofSeconds(60));
        assertThat(HTTP.send(HttpRequest.newBuilder(fresh).build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("hello");

        Clock tenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        URI expired = RawHttp.presign(endpoint, "GET", path, tenMinutesAgo, Duration.ofSeconds(60));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(expired).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>AccessDenied</Code>").contains("expired");
    }

    @Test
    void expectContinueGetsTheErrorBeforeTheBodyIsSent(URI endpoint) throws Exception {
        String path = "/no-such-bucket-for-expect/key";
        Map<String, String> headers = new java.util.LinkedHashMap<>(RawHttp.sign(endpoint, "PUT", path, new byte[0],
                Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), StowageServerExtension.ACCESS_KEY,
                StowageServerExtension.SECRET_KEY, Clock.systemUTC()));
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("PUT " + path + " HTTP/1.1\r\n");
            headers.forEach((n, v) -> head.append(n).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: 1048576\r\nExpect: 100-continue\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            // No body sent: the server must answer the final status without waiting for it.
            RawHttp.Response r = RawHttp.read(socket.getInputStream());
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text()).contains("<Code>NoSuchBucket</Code>");
        }
    }

    @Test
    void expectContinueGetsContinueAndThenStores(URI endpoint, S3Client s3) throws Exception {
        String path = "/" + BUCKET + "/expect-ok";
        byte[] body = "continued".getBytes();
        Map<String, String> headers = RawHttp.signRoot(endpoint, "PUT", path, body, Map.of());
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("PUT " + path + " HTTP/1.1\r\n");
            headers.forEach((n, v) -> head.append(n).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\nExpect: 100-continue\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(RawHttp.line(in)).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(RawHttp.line(in)).isEmpty();
            out.write(body);
            out.flush();
            assertThat(RawHttp.read(in).status()).isEqualTo(200);
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("expect-ok")).asUtf8String()).isEqualTo("continued");
    }

    @Test
    void aClientThatDisconnectsMidUploadLeavesNothingBehind(URI endpoint, S3Client s3, StowageServerExtension server) throws Exception {
        String path = "/" + BUCKET + "/abandoned";
        Map<String, String> headers = RawHttp.sign(endpoint, "PUT", path, new byte[0], Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
                StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY, Clock.systemUTC());
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            StringBuilder head = new StringBuilder("PUT " + path + " HTTP/1.1\r\n");
            headers.forEach((n, v) -> head.append(n).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: 10000000\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(new byte[3_000_000]);
            out.flush();
        }
        Path tmp = server.dataDir().resolve("tmp");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long leftovers;
        do {
            Thread.sleep(50);
            try (Stream<Path> files = Files.list(tmp)) {
                leftovers = files.count();
            }
        } while (leftovers > 0 && System.nanoTime() < deadline);
        assertThat(leftovers).as("temp files left in tmp/").isZero();
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("abandoned")).contents()).isEmpty();
    }

    @Test
    void pipelinedRequestsWithBodiesAreAnsweredInOrder(URI endpoint, S3Client s3) throws Exception {
        String getPath = "/" + BUCKET + "/hello.txt";
        String putPath = "/" + BUCKET + "/pipelined";
        byte[] body = TestData.bytes(100_000, 5);
        StringBuilder requests = new StringBuilder();
        for (String[] r : new String[][] {{"GET", getPath}, {"PUT", putPath}, {"HEAD", putPath}, {"GET", getPath}}) {
            byte[] payload = r[0].equals("PUT") ? body : new byte[0];
            requests.append(r[0]).append(' ').append(r[1]).append(" HTTP/1.1\r\n");
            RawHttp.signRoot(endpoint, r[0], r[1], payload, Map.of())
                    .forEach((n, v) -> requests.append(n).append(": ").append(v).append("\r\n"));
            requests.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
            if (payload.length > 0) {
                requests.append(new String(payload, StandardCharsets.ISO_8859_1));
            }
        }
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // All four requests in one write: the server must take them one after the other.
            out.write(requests.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            RawHttp.Response first = RawHttp.read(in);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.text()).isEqualTo("hello");
            assertThat(RawHttp.read(in).status()).as("the pipelined PUT").isEqualTo(200);
            assertThat(RawHttp.readHead(in).status()).as("the pipelined HEAD").isEqualTo(200);
            assertThat(RawHttp.read(in).text()).isEqualTo("hello");
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("pipelined")).asByteArray()).isEqualTo(body);
    }

    @Test
    void aMalformedHttpRequestGetsAnS3Error(URI endpoint) throws Exception {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            RawHttp.Response r = RawHttp.read(socket.getInputStream());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).contains("<Error>").contains("<Code>");
            assertThat(r.header("x-amz-request-id")).isNotBlank();
        }
    }

    @Test
    void unsupportedOperationsAreNotImplementedNotMisrouted(URI endpoint) throws Exception {
        RawHttp.Response r = signedSend(endpoint, "GET", "/" + BUCKET + "?replication", new byte[0]);
        assertThat(r.status()).isEqualTo(501);
        assertThat(RawHttp.errorCodes(r)).containsExactly("NotImplemented");
    }

    @Test
    void wrongMethodIsMethodNotAllowed(URI endpoint) throws Exception {
        RawHttp.Response r = signedSend(endpoint, "POST", "/" + BUCKET + "/hello.txt", new byte[0]);
        assertThat(r.status()).isEqualTo(405);
        assertThat(RawHttp.errorCodes(r)).containsExactly("MethodNotAllowed");
    }

    private static RawHttp.Response signedSend(URI endpoint, String method, String path, byte[] body) throws Exception {
        return RawHttp.send(endpoint, method, path, RawHttp.signRoot(endpoint, method, path, body, Map.of()), body);
    }
}
