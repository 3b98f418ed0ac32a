package io.stowage.engine.command;

import io.stowage.engine.model.MultipartUpload;

/** Starts a multipart upload of a key; the bucket must exist. */
public record CreateMultipartUpload(String bucket, MultipartUpload upload) implements Command<MultipartUpload> {
}
