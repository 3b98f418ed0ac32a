package io.stowage.engine.command;

import io.stowage.engine.model.ObjectVersion;

/** Places or removes the legal hold of a version ({@code versionId} null: the current one). */
public record SetObjectLegalHold(String bucket, String key, String versionId, boolean on) implements Command<ObjectVersion> {
}
