package io.stowage.s3.auth;

import static io.stowage.s3.auth.SigV4AuthenticatorTest.REQUEST_TIME;
import static io.stowage.s3.auth.SigV4AuthenticatorTest.authenticator;
import static io.stowage.s3.auth.SigV4AuthenticatorTest.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.checksum.ChecksumAlgorithm;
import io.stowage.s3.checksum.ChecksumDigest;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {

    /** The AWS example "Transferring Payload in Multiple Chunks": 65536 + 1024 bytes of 'a'. */
    private static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    private static final String CHUNK1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    private static final String CHUNK2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    private static final String FINAL = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

    private static Authentication chunkedExampleAuthentication(String contentSha256, String seed) {
        AuthRequest request = new AuthRequest("PUT", "/examplebucket/chunkObject.txt", null, headers(
                "host", "s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "authorization", SigV4AuthenticatorTest.authorization("content-encoding;content-length;host;"
                        + "x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class", seed),
                "x-amz-content-sha256", contentSha256,
                "content-encoding", "aws-chunked",
                "x-amz-decoded-content-length", "66560",
                "content-length", "66824"));
        return authenticator(REQUEST_TIME).authenticate(request);
    }

    private static byte[] exampleBody(String chunk1Signature) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("10000;chunk-signature=" + chunk1Signature + "\r\n"));
        body.writeBytes(as(65536));
        body.writeBytes(ascii("\r\n400;chunk-signature=" + CHUNK2 + "\r\n"));
        body.writeBytes(as(1024));
        body.writeBytes(ascii("\r\n0;chunk-signature=" + FINAL + "\r\n\r\n"));
        return body.toByteArray();
    }

    @Test
    void awsMultipleChunksExample() throws IOException {
        Authentication auth = chunkedExampleAuthentication("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED);
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        byte[] body = exampleBody(CHUNK1);
        assertThat(body).hasSize(66824);

        PayloadStream stream = PayloadDecoder.decode(new ByteArrayInputStream(body), auth,
                Map.of("x-amz-decoded-content-length", List.of("66560")));

        assertThat(stream.readAllBytes()).isEqualTo(as(66560));
        assertThat(stream.read()).isEqualTo(-1);
        assertThat(stream.trailers()).isEmpty();
    }

    @Test
    void awsExampleDecodesThroughTinyReads() throws IOException {
        Authentication auth = chunkedExampleAuthentication("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED);
        PayloadStream stream = PayloadDecoder.decode(new TrickleInputStream(exampleBody(CHUNK1)), auth, Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = stream.read(); b >= 0; b = stream.read()) {
            out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(as(66560));
    }

    @Test
    void tamperedChunkIsRejectedBeforeEndOfStream() {
        Authentication auth = chunkedExampleAuthentication("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED);
        byte[] body = exampleBody(CHUNK1);
        body[100 + "10000;chunk-signature=".length() + 66] = 'b';
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(body), auth, Map.of()),
                S3ErrorCode.SignatureDoesNotMatch);
    }

    @Test
    void wrongChunkSignatureIsRejected() {
        Authentication auth = chunkedExampleAuthentication("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED);
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(exampleBody(CHUNK2)), auth, Map.of()),
                S3ErrorCode.SignatureDoesNotMatch);
    }

    @Test
    void missingChunkSignatureIsMalformed() {
        Authentication auth = chunkedExampleAuthentication("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED);
        byte[] body = ascii("3\r\nabc\r\n0\r\n\r\n");
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(body), auth, Map.of()),
                S3ErrorCode.InvalidRequest);
    }

    @Test
    void decodedLengthMismatch() {
        Authentication auth = chunkedExampleAuthentication("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED);
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(exampleBody(CHUNK1)), auth,
                Map.of("x-amz-decoded-content-length", List.of("66561"))), S3ErrorCode.IncompleteBody);
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(exampleBody(CHUNK1)), auth,
                Map.of("x-amz-decoded-content-length", List.of("66559"))), S3ErrorCode.IncompleteBody);
    }

    @Test
    void truncatedBody() {
        Authentication auth = chunkedExampleAuthentication("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", SEED);
        byte[] body = exampleBody(CHUNK1);
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(Arrays.copyOf(body, 40000)), auth, Map.of()),
                S3ErrorCode.IncompleteBody);
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(Arrays.copyOf(body, body.length - 90)), auth,
                Map.of()), S3ErrorCode.IncompleteBody);
    }

    @Test
    void signedTrailerIsVerifiedAndExposed() throws IOException {
        SignedTrailerBody signed = signedTrailerBody(null);
        PayloadStream stream = PayloadDecoder.decode(new TrickleInputStream(signed.body), signed.auth,
                Map.of("x-amz-trailer", List.of("x-amz-checksum-crc32c"),
                        "x-amz-decoded-content-length", List.of("11")));

        assertThat(stream.readAllBytes()).isEqualTo(ascii("hello world"));
        assertThat(stream.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32c", crc32c("hello world")));
    }

    @Test
    void wrongTrailerSignatureIsRejected() {
        SignedTrailerBody signed = signedTrailerBody("0".repeat(64));
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(signed.body), signed.auth, Map.of()),
                S3ErrorCode.SignatureDoesNotMatch);
    }

    @Test
    void tamperedTrailerValueIsRejected() {
        SignedTrailerBody signed = signedTrailerBody(null);
        String text = new String(signed.body, StandardCharsets.ISO_8859_1);
        byte[] tampered = ascii(text.replace(crc32c("hello world"), "AAAAAA=="));
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(tampered), signed.auth, Map.of()),
                S3ErrorCode.SignatureDoesNotMatch);
    }

    @Test
    void unsignedTrailerWithCrc32c() throws IOException {
        Authentication auth = unsignedTrailerAuthentication();
        String checksum = crc32c("hello world");
        byte[] body = ascii("6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32c:" + checksum + "\r\n\r\n");

        PayloadStream stream = PayloadDecoder.decode(new TrickleInputStream(body), auth,
                Map.of("x-amz-trailer", List.of("x-amz-checksum-crc32c")));

        assertThat(stream.readAllBytes()).isEqualTo(ascii("hello world"));
        assertThat(stream.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32c", checksum));
    }

    @Test
    void declaredTrailerMissing() {
        Authentication auth = unsignedTrailerAuthentication();
        byte[] body = ascii("b\r\nhello world\r\n0\r\n\r\n");
        PayloadStream stream = PayloadDecoder.decode(new ByteArrayInputStream(body), auth,
                Map.of("x-amz-trailer", List.of("x-amz-checksum-crc32c")));
        assertThatThrownBy(stream::readAllBytes).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRequest);
            assertThat(e.getMessage()).contains("x-amz-checksum-crc32c").contains("missing");
        });
    }

    @Test
    void malformedChunkFraming() {
        Authentication auth = unsignedTrailerAuthentication();
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(ascii("zz\r\nhello\r\n0\r\n\r\n")), auth,
                Map.of()), S3ErrorCode.InvalidRequest);
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(ascii("3\r\nhello\r\n0\r\n\r\n")), auth,
                Map.of()), S3ErrorCode.InvalidRequest);
    }

    @Test
    void signedPayloadIsHashChecked() throws IOException {
        byte[] content = ascii("Welcome to Amazon S3.");
        Authentication auth = new Authentication(TestSigner.ACCESS_KEY, PayloadMode.SIGNED,
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", null);

        assertThat(PayloadDecoder.decode(new ByteArrayInputStream(content), auth, Map.of()).readAllBytes())
                .isEqualTo(content);
        content[0] = 'w';
        assertS3Error(PayloadDecoder.decode(new ByteArrayInputStream(content), auth, Map.of()),
                S3ErrorCode.XAmzContentSHA256Mismatch);
    }

    @Test
    void unsignedPayloadPassesThrough() throws IOException {
        Authentication auth = new Authentication(TestSigner.ACCESS_KEY, PayloadMode.UNSIGNED, null, null);
        byte[] content = ascii("anything");
        assertThat(PayloadDecoder.decode(new ByteArrayInputStream(content), auth, Map.of()).readAllBytes())
                .isEqualTo(content);
    }

    private record SignedTrailerBody(Authentication auth, byte[] body) {
    }

    /** A one-chunk "hello world" body with a signed crc32c trailer; {@code trailerSignature} overrides the right one. */
    private static SignedTrailerBody signedTrailerBody(String trailerSignature) {
        String canonicalRequest = "PUT\n/bucket/key\n\nhost:s3.amazonaws.com\nx-amz-content-sha256:"
                + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER\nx-amz-date:20130524T000000Z\n"
                + "x-amz-trailer:x-amz-checksum-crc32c\n\nhost;x-amz-content-sha256;x-amz-date;x-amz-trailer\n"
                + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
        String seed = TestSigner.requestSignature(canonicalRequest);
        Authentication auth = authenticator(REQUEST_TIME).authenticate(new AuthRequest("PUT", "/bucket/key", null,
                headers("host", "s3.amazonaws.com",
                        "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                        "x-amz-date", "20130524T000000Z",
                        "x-amz-trailer", "x-amz-checksum-crc32c",
                        "authorization", SigV4AuthenticatorTest.authorization(
                                "host;x-amz-content-sha256;x-amz-date;x-amz-trailer", seed))));
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);

        byte[] data = ascii("hello world");
        String chunk = TestSigner.chunkSignature(seed, data);
        String last = TestSigner.chunkSignature(chunk, new byte[0]);
        String trailer = "x-amz-checksum-crc32c:" + crc32c("hello world");
        String signature = trailerSignature != null ? trailerSignature
                : TestSigner.trailerSignature(last, trailer + "\n");
        byte[] body = ascii("b;chunk-signature=" + chunk + "\r\nhello world\r\n0;chunk-signature=" + last + "\r\n"
                + trailer + "\r\nx-amz-trailer-signature:" + signature + "\r\n\r\n");
        return new SignedTrailerBody(auth, body);
    }

    private static Authentication unsignedTrailerAuthentication() {
        String canonicalRequest = "PUT\n/bucket/key\n\nhost:s3.amazonaws.com\nx-amz-content-sha256:"
                + "STREAMING-UNSIGNED-PAYLOAD-TRAILER\nx-amz-date:20130524T000000Z\n\n"
                + "host;x-amz-content-sha256;x-amz-date\nSTREAMING-UNSIGNED-PAYLOAD-TRAILER";
        Authentication auth = authenticator(REQUEST_TIME).authenticate(new AuthRequest("PUT", "/bucket/key", null,
                headers("host", "s3.amazonaws.com",
                        "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                        "x-amz-date", "20130524T000000Z",
                        "authorization", SigV4AuthenticatorTest.authorization("host;x-amz-content-sha256;x-amz-date",
                                TestSigner.requestSignature(canonicalRequest)))));
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
        return auth;
    }

    /** Reads the stream to the end, expecting the error to surface from read() instead of end of stream. */
    private static void assertS3Error(PayloadStream stream, S3ErrorCode code) {
        assertThatThrownBy(stream::readAllBytes).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private static String crc32c(String text) {
        ChecksumDigest digest = ChecksumAlgorithm.CRC32C.newDigest();
        byte[] bytes = ascii(text);
        digest.update(bytes, 0, bytes.length);
        return digest.base64();
    }

    private static byte[] as(int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Hands out at most a few bytes per read, to split framing lines across reads. */
    private static final class TrickleInputStream extends FilterInputStream {
        private int next = 1;

        TrickleInputStream(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            next = next % 7 + 1;
            return super.read(b, off, Math.min(len, next));
        }
    }
}
