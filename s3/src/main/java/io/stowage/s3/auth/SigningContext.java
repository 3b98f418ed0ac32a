package io.stowage.s3.auth;

/**
 * What verifying aws-chunked chunk and trailer signatures needs.
 *
 * @param signingKey the derived SigV4 signing key (never log it)
 * @param dateTime the request time in ISO 8601 basic form, e.g. {@code 20130524T000000Z}
 * @param scope the credential scope, e.g. {@code 20130524/us-east-1/s3/aws4_request}
 * @param seedSignature the request's own signature, which the first chunk signature chains from
 */
public record SigningContext(byte[] signingKey, String dateTime, String scope, String seedSignature) {

    @Override
    public String toString() {
        return "SigningContext[dateTime=" + dateTime + ", scope=" + scope + "]";
    }
}
