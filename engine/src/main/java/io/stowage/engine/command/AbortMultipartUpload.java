package io.stowage.engine.command;

/** Ends an upload in progress and frees its parts. */
public record AbortMultipartUpload(String bucket, String key, String uploadId) implements Command<Void> {
}
