package io.stowage.s3.auth;

import static io.stowage.s3.auth.TestSigner.ACCESS_KEY;
import static io.stowage.s3.auth.TestSigner.EMPTY_SHA256;
import static io.stowage.s3.auth.TestSigner.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The AWS documentation examples (S3 API reference, "Signature Calculations for the Authorization Header"). */
class SigV4AuthenticatorTest {

    static final Instant REQUEST_TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final String HOST = "examplebucket.s3.amazonaws.com";
    static final String CREDENTIAL = ACCESS_KEY + "/20130524/us-east-1/s3/aws4_request";

    static SigV4Authenticator authenticator(Instant now) {
        return new SigV4Authenticator(
                key -> key.equals(ACCESS_KEY) ? Optional.of(SECRET_KEY) : Optional.empty(),
                "us-east-1", Clock.fixed(now, ZoneOffset.UTC));
    }

    static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return headers;
    }

    static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ",SignedHeaders=" + signedHeaders + ",Signature="
                + signature;
    }

    private static AuthRequest getObjectExample(String signature) {
        return new AuthRequest("GET", "/test.txt", null, headers(
                "host", HOST,
                "range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "authorization", authorization("host;range;x-amz-content-sha256;x-amz-date", signature)));
    }

    private static AuthRequest bucketGet(String rawQuery, String signature) {
        return new AuthRequest("GET", "/", rawQuery, headers(
                "host", HOST,
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "authorization", authorization("host;x-amz-content-sha256;x-amz-date", signature)));
    }

    private static AuthRequest presignedExample(String signature) {
        return new AuthRequest("GET", "/test.txt",
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature="
                        + signature,
                headers("host", HOST));
    }

    private static void assertS3Error(ThrowingCallable call, S3ErrorCode code, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void getObjectWithRangeExample() {
        String signature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
        Authentication auth = authenticator(REQUEST_TIME).authenticate(getObjectExample(signature));

        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SIGNED);
        assertThat(auth.payloadSha256()).isEqualTo(EMPTY_SHA256);
        assertThat(auth.signing().seedSignature()).isEqualTo(signature);
        assertThat(auth.signing().dateTime()).isEqualTo("20130524T000000Z");
        assertThat(auth.signing().scope()).isEqualTo("20130524/us-east-1/s3/aws4_request");
        assertThat(auth.signing().signingKey()).isEqualTo(TestSigner.signingKey());
        assertThat(auth.signing().toString()).doesNotContain(signature);
    }

    @Test
    void aMissingContentSha256HeaderMeansTheEmptyPayload() {
        String canonicalRequest = """
                PUT
                /bucket

                host:examplebucket.s3.amazonaws.com
                x-amz-date:20130524T000000Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""";
        AuthRequest request = new AuthRequest("PUT", "/bucket", null, headers(
                "host", HOST,
                "x-amz-date", "20130524T000000Z",
                "authorization", authorization("host;x-amz-date", TestSigner.requestSignature(canonicalRequest))));
        Authentication auth = authenticator(REQUEST_TIME).authenticate(request);
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SIGNED);
        assertThat(auth.payloadSha256()).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void testSignerReproducesTheDocumentedCanonicalRequestSignature() {
        String canonicalRequest = """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""";
        assertThat(TestSigner.requestSignature(canonicalRequest))
                .isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void putObjectExampleWithDollarInKeyAndDateHeader() {
        String payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        AuthRequest request = new AuthRequest("PUT", "/test$file.text", "", headers(
                "host", HOST,
                "date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", payloadHash,
                "authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")));

        Authentication auth = authenticator(REQUEST_TIME).authenticate(request);

        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SIGNED);
        assertThat(auth.payloadSha256()).isEqualTo(payloadHash);
    }

    @Test
    void getBucketLifecycleExample() {
        Authentication auth = authenticator(REQUEST_TIME).authenticate(
                bucketGet("lifecycle", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void listObjectsExampleSortsQueryParameters() {
        Authentication auth = authenticator(REQUEST_TIME).authenticate(
                bucketGet("max-keys=2&prefix=J", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);

        Authentication reordered = authenticator(REQUEST_TIME).authenticate(
                bucketGet("prefix=J&max-keys=2", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
        assertThat(reordered.accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void presignedUrlExample() {
        Authentication auth = authenticator(REQUEST_TIME.plusSeconds(3600)).authenticate(
                presignedExample("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"));

        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(auth.payloadSha256()).isNull();
    }

    @Test
    void presignedUrlExpiresAfterXAmzExpires() {
        String signature = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        assertThat(authenticator(REQUEST_TIME.plusSeconds(86400)).authenticate(presignedExample(signature)))
                .isNotNull();
        assertS3Error(() -> authenticator(REQUEST_TIME.plusSeconds(86401)).authenticate(presignedExample(signature)),
                S3ErrorCode.AccessDenied, "Request has expired");
    }

    @Test
    void presignedUrlFromTheFutureIsNotValidYet() {
        String signature = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        assertThat(authenticator(REQUEST_TIME.minus(Duration.ofMinutes(14))).authenticate(presignedExample(signature)))
                .isNotNull();
        assertS3Error(() -> authenticator(REQUEST_TIME.minus(Duration.ofMinutes(16)))
                .authenticate(presignedExample(signature)), S3ErrorCode.AccessDenied, "Request is not valid yet");
    }

    @Test
    void presignedUrlWithBadSignatureOrTamperedQuery() {
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(
                presignedExample("0000000000000000000000000000000000000000000000000000000000000000")),
                S3ErrorCode.SignatureDoesNotMatch, "signature");
        AuthRequest example = presignedExample("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        AuthRequest tampered = new AuthRequest("GET", "/test.txt",
                example.rawQuery().replace("X-Amz-Expires=86400", "X-Amz-Expires=86401"), example.headers());
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(tampered),
                S3ErrorCode.SignatureDoesNotMatch, "signature");
    }

    @Test
    void presignedUrlParameterErrors() {
        AuthRequest example = presignedExample("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(new AuthRequest("GET", "/test.txt",
                example.rawQuery().replace("X-Amz-Expires=86400", "X-Amz-Expires=604801"), example.headers())),
                S3ErrorCode.AuthorizationQueryParametersError, "604800");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(new AuthRequest("GET", "/test.txt",
                example.rawQuery().replace("&X-Amz-Date=20130524T000000Z", ""), example.headers())),
                S3ErrorCode.AuthorizationQueryParametersError, "requires");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(new AuthRequest("GET", "/test.txt",
                example.rawQuery().replace("us-east-1", "eu-west-1"), example.headers())),
                S3ErrorCode.AuthorizationQueryParametersError, "the region 'eu-west-1' is wrong; expecting 'us-east-1'");
    }

    @Test
    void badSignatureIsRejected() {
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(
                getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42")),
                S3ErrorCode.SignatureDoesNotMatch, "signature");
    }

    @Test
    void signedHeaderValueChangeIsRejected() {
        AuthRequest example = getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        Map<String, List<String>> changed = new LinkedHashMap<>(example.headers());
        changed.put("range", List.of("bytes=0-10"));
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(
                new AuthRequest("GET", "/test.txt", null, changed)), S3ErrorCode.SignatureDoesNotMatch, "signature");
    }

    @Test
    void clockSkewBeyondFifteenMinutes() {
        String signature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
        assertThat(authenticator(REQUEST_TIME.plus(Duration.ofMinutes(15))).authenticate(getObjectExample(signature)))
                .isNotNull();
        assertS3Error(() -> authenticator(REQUEST_TIME.plus(Duration.ofMinutes(16)))
                .authenticate(getObjectExample(signature)), S3ErrorCode.RequestTimeTooSkewed, "");
        assertS3Error(() -> authenticator(REQUEST_TIME.minus(Duration.ofMinutes(16)))
                .authenticate(getObjectExample(signature)), S3ErrorCode.RequestTimeTooSkewed, "");
    }

    @Test
    void unknownAccessKey() {
        SigV4Authenticator authenticator = new SigV4Authenticator(key -> Optional.empty(), "us-east-1",
                Clock.fixed(REQUEST_TIME, ZoneOffset.UTC));
        assertS3Error(() -> authenticator.authenticate(
                getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")),
                S3ErrorCode.InvalidAccessKeyId, "");
    }

    @Test
    void regionMismatchInHeader() {
        SigV4Authenticator authenticator = new SigV4Authenticator(key -> Optional.of(SECRET_KEY), "eu-west-1",
                Clock.fixed(REQUEST_TIME, ZoneOffset.UTC));
        assertS3Error(() -> authenticator.authenticate(
                getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")),
                S3ErrorCode.AuthorizationHeaderMalformed, "the region 'us-east-1' is wrong; expecting 'eu-west-1'");
    }

    @Test
    void malformedCredentialAndWrongService() {
        AuthRequest example = getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(withAuthorization(example,
                example.header("authorization").replace("/s3/", "/iam/"))),
                S3ErrorCode.AuthorizationHeaderMalformed, "incorrect service \"iam\"");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(withAuthorization(example,
                example.header("authorization").replace("/20130524/", "/"))),
                S3ErrorCode.AuthorizationHeaderMalformed, "Credential is mal-formed");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(withAuthorization(example,
                example.header("authorization").replace("/20130524/", "/20130523/"))),
                S3ErrorCode.AuthorizationHeaderMalformed, "Invalid credential date");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(withAuthorization(example,
                "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ",Signature=abc")),
                S3ErrorCode.AuthorizationHeaderMalformed, "SignedHeaders");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(withAuthorization(example,
                example.header("authorization").replace("SignedHeaders=host;", "SignedHeaders="))),
                S3ErrorCode.AuthorizationHeaderMalformed, "host");
    }

    @Test
    void onlySigV4IsSupported() {
        AuthRequest example = getObjectExample("x");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(withAuthorization(example,
                "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=")),
                S3ErrorCode.InvalidRequest, "Please use AWS4-HMAC-SHA256");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(new AuthRequest("GET", "/test.txt",
                "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1141889120&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D",
                headers("host", HOST))), S3ErrorCode.InvalidRequest, "Please use AWS4-HMAC-SHA256");
    }

    @Test
    void anUnsignedRequestIsAnonymousAndLeftToAuthorization() {
        Authentication anonymous = authenticator(REQUEST_TIME).authenticate(
                new AuthRequest("GET", "/test.txt", "versionId=1", headers("host", HOST)));
        assertThat(anonymous.accessKeyId()).isNull();
        assertThat(anonymous.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(anonymous.signing()).isNull();
    }

    @Test
    void anUnsignedRequestCannotClaimASignedStreamingPayload() {
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(new AuthRequest("PUT", "/test.txt", "",
                headers("host", HOST, "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"))),
                S3ErrorCode.AccessDenied, "A signed streaming payload needs a signed request");
    }

    @Test
    void anUnsignedRequestKeepsItsPayloadHashForTheIntegrityCheck() {
        String sha = "44CE7DD67C959E0D3524FFAC1771DFBBA87D2B6B4B4E99E42034A8B803F8B072";
        Authentication anonymous = authenticator(REQUEST_TIME).authenticate(new AuthRequest("PUT", "/test.txt", "",
                headers("host", HOST, "x-amz-content-sha256", sha)));
        assertThat(anonymous.payloadMode()).isEqualTo(PayloadMode.SIGNED);
        assertThat(anonymous.payloadSha256()).isEqualTo(sha.toLowerCase(Locale.ROOT));
    }

    @Test
    void headerAndQueryAuthTogetherAreRejected() {
        AuthRequest presigned = presignedExample("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        AuthRequest both = new AuthRequest("GET", "/test.txt", presigned.rawQuery(), headers("host", HOST,
                "authorization", authorization("host", "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")));
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(both), S3ErrorCode.InvalidArgument,
                "Only one auth mechanism");
    }

    @Test
    void aSignedContentSha256HeaderThatIsMissingFailsTheSignature() {
        AuthRequest example = getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        Map<String, List<String>> without = new LinkedHashMap<>(example.headers());
        without.remove("x-amz-content-sha256");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(
                new AuthRequest("GET", "/test.txt", null, without)), S3ErrorCode.SignatureDoesNotMatch, "signature");
    }

    @Test
    void payloadHashValues() {
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(withContentSha256("not-a-hash")),
                S3ErrorCode.InvalidArgument, "x-amz-content-sha256");
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(
                withContentSha256("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD")), S3ErrorCode.NotImplemented, "SigV4a");
    }

    @Test
    void streamingPayloadModesAreRecognised() {
        assertThat(PayloadMode.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")).isEqualTo(PayloadMode.STREAMING_SIGNED);
        assertThat(PayloadMode.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"))
                .isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);
        assertThat(PayloadMode.of("STREAMING-UNSIGNED-PAYLOAD-TRAILER"))
                .isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
        assertThat(PayloadMode.of("UNSIGNED-PAYLOAD")).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(PayloadMode.of(EMPTY_SHA256.toUpperCase())).isEqualTo(PayloadMode.SIGNED);
    }

    @Test
    void pathIsStrictlyReencodedWithoutNormalisation() {
        // Signed by a client following the spec: '+' and '!' encoded, lower-case escape upper-cased, "//" and ".." kept.
        String rawPath = "/a+b!/%c3%a9//../x";
        String signature = TestSigner.requestSignature(canonicalGet("/a%2Bb%21/%C3%A9//../x"));
        Authentication auth = authenticator(REQUEST_TIME).authenticate(signedGet(rawPath, signature));
        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void rawPathFallbackAcceptsClientsThatSignThePathAsSent() {
        String rawPath = "/my+key%2c";
        String signature = TestSigner.requestSignature(canonicalGet(rawPath));
        Authentication auth = authenticator(REQUEST_TIME).authenticate(signedGet(rawPath, signature));
        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);

        String otherPath = TestSigner.requestSignature(canonicalGet("/my key,"));
        assertS3Error(() -> authenticator(REQUEST_TIME).authenticate(signedGet(rawPath, otherPath)),
                S3ErrorCode.SignatureDoesNotMatch, "signature");
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndJoined() {
        String canonicalRequest = "GET\n/k\n\nhost:" + HOST + "\nx-amz-content-sha256:" + EMPTY_SHA256
                + "\nx-amz-date:20130524T000000Z\nx-amz-meta-a:one two,three\n\n"
                + "host;x-amz-content-sha256;x-amz-date;x-amz-meta-a\n" + EMPTY_SHA256;
        Map<String, List<String>> headers = headers(
                "host", HOST,
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "x-amz-meta-a", "  one   \t two ",
                "x-amz-meta-a", "three",
                "authorization", authorization("host;x-amz-content-sha256;x-amz-date;x-amz-meta-a",
                        TestSigner.requestSignature(canonicalRequest)));
        assertThat(authenticator(REQUEST_TIME).authenticate(new AuthRequest("GET", "/k", null, headers)).accessKeyId())
                .isEqualTo(ACCESS_KEY);
    }

    @Test
    void queryValuesWithoutEqualsAndPlusAreCanonicalised() {
        String canonicalRequest = "GET\n/\nacl=&prefix=a%2Bb%20c\nhost:" + HOST + "\nx-amz-content-sha256:"
                + EMPTY_SHA256 + "\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n"
                + EMPTY_SHA256;
        Authentication auth = authenticator(REQUEST_TIME).authenticate(
                bucketGet("prefix=a+b%20c&acl", TestSigner.requestSignature(canonicalRequest)));
        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    private static String canonicalGet(String canonicalUri) {
        return "GET\n" + canonicalUri + "\n\nhost:" + HOST + "\nx-amz-content-sha256:" + EMPTY_SHA256
                + "\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n" + EMPTY_SHA256;
    }

    private static AuthRequest signedGet(String rawPath, String signature) {
        return new AuthRequest("GET", rawPath, null, headers(
                "host", HOST,
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "authorization", authorization("host;x-amz-content-sha256;x-amz-date", signature)));
    }

    private static AuthRequest withAuthorization(AuthRequest request, String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("authorization", List.of(authorization));
        return new AuthRequest(request.method(), request.rawPath(), request.rawQuery(), headers);
    }

    private static AuthRequest withContentSha256(String value) {
        AuthRequest example = getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        Map<String, List<String>> headers = new LinkedHashMap<>(example.headers());
        headers.put("x-amz-content-sha256", List.of(value));
        return new AuthRequest("GET", "/test.txt", null, headers);
    }
}
