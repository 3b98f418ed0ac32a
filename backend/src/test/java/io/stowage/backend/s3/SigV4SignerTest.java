package io.stowage.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.backend.AccessKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The signer against the AWS documentation's published examples: the four of the S3 API reference
 * ("Signature Calculations for the Authorization Header: Transferring Payload in a Single Chunk"), which the
 * s3 module's server-side tests verify too, and the IAM request of the General Reference ("Signed Signature
 * Version 4 Requests Examples") for a service other than S3.
 */
class SigV4SignerTest {

    private static final AccessKey S3_EXAMPLE_KEY = new AccessKey("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Clock S3_EXAMPLE_TIME = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);
    private static final String S3_CREDENTIAL = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    private static final SigV4Signer S3 = SigV4Signer.s3(S3_EXAMPLE_KEY, "us-east-1", S3_EXAMPLE_TIME);

    private static HttpRequest.Builder example(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("https://examplebucket.s3.amazonaws.com" + pathAndQuery));
    }

    private static String authorization(String credential, String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    @Test
    void getObjectWithRange() {
        HttpRequest signed = S3.sign(example("/test.txt").header("Range", "bytes=0-9").GET().build(), new byte[0]);

        assertThat(signed.headers().firstValue("Authorization")).contains(authorization(S3_CREDENTIAL,
                "host;range;x-amz-content-sha256;x-amz-date", "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        assertThat(signed.headers().firstValue("x-amz-date")).contains("20130524T000000Z");
        assertThat(signed.headers().firstValue("x-amz-content-sha256")).contains(SigV4Signer.EMPTY_SHA256);
        assertThat(signed.headers().firstValue("Range")).contains("bytes=0-9");
    }

    @Test
    void putObjectWithADollarInTheKeyAndADateHeader() {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = example("/test$file.text")
                .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        HttpRequest signed = S3.sign(request, body);

        assertThat(signed.headers().firstValue("x-amz-content-sha256"))
                .contains("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        assertThat(signed.headers().firstValue("Authorization")).contains(authorization(S3_CREDENTIAL,
                "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
        assertThat(signed.method()).isEqualTo("PUT");
        assertThat(signed.bodyPublisher().orElseThrow().contentLength()).isEqualTo(body.length);
    }

    @Test
    void getBucketLifecycleSignsAValuelessParameter() {
        HttpRequest signed = S3.sign(example("/?lifecycle").GET().build(), SigV4Signer.EMPTY_SHA256);

        assertThat(signed.headers().firstValue("Authorization")).contains(authorization(S3_CREDENTIAL,
                "host;x-amz-content-sha256;x-amz-date", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
    }

    @Test
    void listObjectsSortsTheQueryParameters() {
        String expected = authorization(S3_CREDENTIAL, "host;x-amz-content-sha256;x-amz-date",
                "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");

        assertThat(S3.sign(example("/?max-keys=2&prefix=J").GET().build(), new byte[0]).headers().firstValue("Authorization"))
                .contains(expected);
        assertThat(S3.sign(example("/?prefix=J&max-keys=2").GET().build(), new byte[0]).headers().firstValue("Authorization"))
                .contains(expected);
    }

    @Test
    void iamPostRequestOfTheGeneralReference() {
        byte[] body = "Action=ListUsers&Version=2010-05-08".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://iam.amazonaws.com/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        SigV4Signer iam = SigV4Signer.service(new AccessKey("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                "us-east-1", "iam", Clock.fixed(Instant.parse("2011-09-09T23:36:00Z"), ZoneOffset.UTC));

        HttpRequest signed = iam.sign(request, body);

        assertThat(signed.headers().firstValue("Authorization")).contains(authorization(
                "AKIDEXAMPLE/20110909/us-east-1/iam/aws4_request", "content-type;host;x-amz-date",
                "ced6826de92d2bdeed8f846f0bf508e8559e98e4b0199114b84c54174deb456c"));
        assertThat(signed.headers().firstValue("x-amz-date")).contains("20110909T233600Z");
        assertThat(signed.headers().firstValue("x-amz-content-sha256")).isEmpty();
    }

    @Test
    void signingAgainReplacesTheEarlierSignature() {
        HttpRequest once = S3.sign(example("/test.txt").header("Range", "bytes=0-9").GET().build(), new byte[0]);
        HttpRequest twice = S3.sign(once, new byte[0]);

        assertThat(twice.headers().allValues("Authorization")).isEqualTo(once.headers().allValues("Authorization"));
        assertThat(twice.headers().allValues("x-amz-date")).hasSize(1);
    }

    @Test
    void theHostCarriesThePortOnlyWhenItIsNotTheDefault() {
        assertThat(SigV4Signer.host(URI.create("http://127.0.0.1:9000/b"))).isEqualTo("127.0.0.1:9000");
        assertThat(SigV4Signer.host(URI.create("https://s3.example.com:443/b"))).isEqualTo("s3.example.com");
        assertThat(SigV4Signer.host(URI.create("http://s3.example.com:80/b"))).isEqualTo("s3.example.com");
        assertThat(SigV4Signer.host(URI.create("https://s3.example.com:80/b"))).isEqualTo("s3.example.com:80");
    }

    @Test
    void theCanonicalQueryEncodesNamesAndValuesStrictly() {
        assertThat(SigV4Signer.canonicalQuery("prefix=a%2Fb c&list-type=2&continuation-token=x%2By&delete"))
                .isEqualTo("continuation-token=x%2By&delete=&list-type=2&prefix=a%2Fb%20c");
        assertThat(SigV4Signer.canonicalQuery("b=2&a=2&a=1")).isEqualTo("a=1&a=2&b=2");
    }

    @Test
    void s3EncodesThePathOnceAndOtherServicesTwice() {
        SigV4Signer iam = SigV4Signer.service(S3_EXAMPLE_KEY, "us-east-1", "iam", S3_EXAMPLE_TIME);
        URI uri = URI.create("https://example.com/documents%20and%20settings/a$b");

        assertThat(S3.canonicalPath(uri)).isEqualTo("/documents%20and%20settings/a%24b");
        assertThat(iam.canonicalPath(uri)).isEqualTo("/documents%2520and%2520settings/a%2524b");
        assertThat(S3.canonicalPath(URI.create("https://example.com"))).isEqualTo("/");
    }

    @Test
    void s3RequestsAreSignedOnlyByTheS3Signer() {
        assertThatThrownBy(() -> SigV4Signer.service(S3_EXAMPLE_KEY, "us-east-1", "s3", S3_EXAMPLE_TIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(S3.toString()).doesNotContain(S3_EXAMPLE_KEY.secret());
    }
}
