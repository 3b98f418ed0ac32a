package io.stowage.engine.command;

import io.stowage.engine.model.BucketConfigKind;

/** Removes a configuration document of a bucket; a missing one is a no-op. */
public record DeleteBucketConfig(String bucket, BucketConfigKind kind) implements Command<Void> {
}
