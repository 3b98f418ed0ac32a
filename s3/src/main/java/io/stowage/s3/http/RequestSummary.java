package io.stowage.s3.http;

/**
 * What the S3 layer learned about a request, carried on its response to the access log and
 * metrics. Never holds a secret, a signature or a query string.
 *
 * @param requestId the id the response carries in x-amz-request-id
 * @param operation the operation's name in the S3 API reference (PutObject), or null when the request was not routed
 * @param bucket the bucket addressed, or null
 * @param key the object key addressed, or null
 * @param accessKeyId the access key that signed the request, or null for anonymous and unauthenticated ones
 * @param errorCode the S3 error code answered (NoSuchKey), or null on success
 */
public record RequestSummary(String requestId, String operation, String bucket, String key, String accessKeyId,
        String errorCode) {
}
