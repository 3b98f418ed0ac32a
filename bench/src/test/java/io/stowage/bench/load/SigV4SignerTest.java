package io.stowage.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigV4SignerTest {

    private static final String AK = "AKIAIOSFODNN7EXAMPLE";
    private static final String SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String DATE = "20130524T000000Z";

    /** The AWS documentation's "GET Object" example (Authenticating Requests: Using the Authorization Header). */
    @Test
    void matchesTheAwsGetObjectExample() {
        SigV4Signer signer = new SigV4Signer(AK, SK, "us-east-1", "s3");
        String auth = signer.authorization("GET", "/test.txt", "",
                new String[] {"host", "range", "x-amz-content-sha256", "x-amz-date"},
                new String[] {"examplebucket.s3.amazonaws.com", "bytes=0-9", SigV4Signer.EMPTY_SHA256, DATE},
                SigV4Signer.EMPTY_SHA256, DATE);
        assertThat(auth).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    /** The same document's "GET Bucket Lifecycle" example: a query string, the signer reused. */
    @Test
    void matchesTheAwsGetBucketLifecycleExampleWithTheSameSigner() {
        SigV4Signer signer = new SigV4Signer(AK, SK, "us-east-1", "s3");
        signer.authorization("GET", "/test.txt", "", new String[] {"host"}, new String[] {"x"},
                SigV4Signer.EMPTY_SHA256, DATE);
        String auth = signer.authorization("GET", "/", "lifecycle=",
                new String[] {"host", "x-amz-content-sha256", "x-amz-date"},
                new String[] {"examplebucket.s3.amazonaws.com", SigV4Signer.EMPTY_SHA256, DATE},
                SigV4Signer.EMPTY_SHA256, DATE);
        assertThat(auth).endsWith("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    }

    /** The "ListObjects" example: query parameters encoded and sorted. */
    @Test
    void matchesTheAwsListObjectsExample() {
        SigV4Signer signer = new SigV4Signer(AK, SK, "us-east-1", "s3");
        String auth = signer.authorization("GET", "/", "max-keys=2&prefix=J",
                new String[] {"host", "x-amz-content-sha256", "x-amz-date"},
                new String[] {"examplebucket.s3.amazonaws.com", SigV4Signer.EMPTY_SHA256, DATE},
                SigV4Signer.EMPTY_SHA256, DATE);
        assertThat(auth).endsWith("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void uriEncodesStrictly() {
        assertThat(UriEncoding.encode("p001/o 1~a+b", true)).isEqualTo("p001/o%201~a%2Bb");
        assertThat(UriEncoding.encode("a/b=", false)).isEqualTo("a%2Fb%3D");
    }
}
