package io.stowage.engine.command;

import io.stowage.engine.model.Part;

/**
 * Stores a part of an upload in progress; a part with the same number is replaced and its body
 * freed. The part's body was finished through a BodyWriter.
 */
public record UploadPart(String bucket, String key, String uploadId, Part part) implements Command<Part> {
}
