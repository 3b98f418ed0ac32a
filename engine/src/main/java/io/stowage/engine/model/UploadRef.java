package io.stowage.engine.model;

/** Names one multipart upload. */
public record UploadRef(String bucket, String key, String uploadId) {
}
