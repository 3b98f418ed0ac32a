package io.stowage.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    private static final String AK = "AKIAIOSFODNN7EXAMPLE";
    private static final String SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String HOST = "examplebucket.s3.amazonaws.com";
    private static final String DATE = "20130524T000000Z";
    private static final String[] NAMES = {"host", "x-amz-content-sha256", "x-amz-date"};

    private static String sign(RequestSigner signer, Method method, String path, String query, byte[] payloadHash,
            String amzDate) {
        byte[] hex = new byte[64];
        signer.sign(method, Request.ascii(path), Request.ascii(query), payloadHash, Request.ascii(amzDate), hex);
        return new String(hex, StandardCharsets.US_ASCII);
    }

    /** The AWS documentation's "GET Bucket Lifecycle" example (Authenticating Requests: Using the Authorization Header). */
    @Test
    void matchesTheAwsGetBucketLifecycleExample() {
        RequestSigner signer = new RequestSigner(AK, SK, "us-east-1", "s3", HOST);
        assertThat(sign(signer, Method.GET, "/", "lifecycle=", RequestSigner.EMPTY_SHA256, DATE))
                .isEqualTo("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
        assertThat(new String(signer.authorizationPrefix(), StandardCharsets.US_ASCII)).isEqualTo(
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=");
    }

    /** The same document's "ListObjects" example, with the same signer reused. */
    @Test
    void matchesTheAwsListObjectsExampleWithTheSameSigner() {
        RequestSigner signer = new RequestSigner(AK, SK, "us-east-1", "s3", HOST);
        sign(signer, Method.GET, "/", "lifecycle=", RequestSigner.EMPTY_SHA256, DATE);
        assertThat(sign(signer, Method.GET, "/", "max-keys=2&prefix=J", RequestSigner.EMPTY_SHA256, DATE))
                .isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    /** Many requests through one signer, across a change of day, against the string-based reference signer. */
    @Test
    void agreesWithTheReferenceSignerAcrossRequestsAndDays() {
        RequestSigner signer = new RequestSigner("benchkey", "bench-secret-key", "eu-west-3", "s3", "127.0.0.1:9000");
        SigV4Signer reference = new SigV4Signer("benchkey", "bench-secret-key", "eu-west-3", "s3");
        Random random = new Random(42);
        String[] dates = {"20261122T235959Z", "20261123T000000Z", "20261123T000001Z"};
        for (int i = 0; i < 300; i++) {
            Method method = Method.values()[random.nextInt(Method.values().length)];
            String path = "/bucket-" + random.nextInt(3) + "/" + UriEncoding.encode("p" + i + "/ö +" + random.nextLong(), true);
            String query = random.nextBoolean() ? "" : "partNumber=" + i + "&uploadId=" + UriEncoding.encode("a/b=" + i, false);
            boolean body = method == Method.PUT || method == Method.POST;
            String payload = body ? SigV4Signer.UNSIGNED_PAYLOAD : SigV4Signer.EMPTY_SHA256;
            String date = dates[i * dates.length / 300];
            String expected = reference.authorization(method.name(), path, query, NAMES,
                    new String[] {"127.0.0.1:9000", payload, date}, payload, date);
            String signature = sign(signer, method, path, query, Request.ascii(payload), date);
            assertThat(new String(signer.authorizationPrefix(), StandardCharsets.US_ASCII) + signature)
                    .as("request %d: %s %s?%s", i, method, path, query).isEqualTo(expected);
        }
    }
}
