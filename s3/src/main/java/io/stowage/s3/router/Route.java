package io.stowage.s3.router;

/**
 * What a request asks for: the operation and its target.
 *
 * @param bucket null for service-level operations
 * @param key null for bucket-level operations
 */
public record Route(S3Operation operation, String bucket, String key) {
}
