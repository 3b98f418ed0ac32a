package io.stowage.engine.command;

import io.stowage.engine.model.BucketConfigKind;

/** Stores a configuration document of a bucket (validated by the caller), replacing any previous one. */
public record PutBucketConfig(String bucket, BucketConfigKind kind, String document) implements Command<Void> {
}
