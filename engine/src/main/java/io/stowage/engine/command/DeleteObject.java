package io.stowage.engine.command;

import io.stowage.engine.model.ObjectVersion;

/**
 * Deletes the current object ({@code versionId} null) or one version. Deleting what does not
 * exist succeeds and returns null, as S3 does. Returns the version removed.
 */
public record DeleteObject(String bucket, String key, String versionId) implements Command<ObjectVersion> {
}
