package io.stowage.s3.handler;

import io.stowage.s3.checksum.ChecksumDigest;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Base64;

/** Reads the small XML bodies of configuration requests, bounded and checked like object bodies. */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * Reads the whole body, at most {@code limit} bytes, and verifies Content-MD5 and any
     * x-amz-checksum-* header or trailer sent with it.
     */
    static byte[] readSmall(S3Request request, int limit) throws IOException {
        return readSmall(request, limit, true);
    }

    /**
     * Like {@link #readSmall(S3Request, int)}; with {@code checksumHeadersDescribeBody} false the
     * x-amz-checksum-* headers are not the body's (CompleteMultipartUpload sends the object's
     * checksum in them) and only a checksum trailer is verified against the body.
     */
    static byte[] readSmall(S3Request request, int limit, boolean checksumHeadersDescribeBody) throws IOException {
        if (request.contentLength() > limit) {
            throw new S3Exception(S3ErrorCode.EntityTooLarge, "The request body is larger than " + limit + " bytes");
        }
        byte[] body = request.body().readNBytes(limit + 1);
        if (body.length > limit) {
            throw new S3Exception(S3ErrorCode.EntityTooLarge, "The request body is larger than " + limit + " bytes");
        }
        if (body.length == 0) {
            throw new S3Exception(S3ErrorCode.MissingRequestBodyError);
        }
        String contentMd5 = request.header("content-md5");
        if (contentMd5 != null) {
            byte[] md5 = ObjectUpload.md5().digest(body);
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(contentMd5.trim());
            } catch (IllegalArgumentException e) {
                throw new S3Exception(S3ErrorCode.InvalidDigest);
            }
            if (!MessageDigest.isEqual(md5, expected)) {
                throw new S3Exception(S3ErrorCode.BadDigest, "The Content-MD5 you specified did not match what we received.");
            }
        }
        ChecksumRequest checksum = ChecksumRequest.of(request.headers());
        if (checksum != null && !checksumHeadersDescribeBody && checksum.trailerName() == null) {
            checksum = null;
        }
        if (checksum != null) {
            ChecksumDigest digest = checksum.algorithm().newDigest();
            digest.update(body, 0, body.length);
            String expected = checksum.expectedValue(request.body().trailers());
            if (expected != null && !expected.equals(digest.base64())) {
                throw new S3Exception(S3ErrorCode.BadDigest,
                        "The " + checksum.algorithm().name() + " you specified did not match the calculated checksum.");
            }
        }
        return body;
    }
}
