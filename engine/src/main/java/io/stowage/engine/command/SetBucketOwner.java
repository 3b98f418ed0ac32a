package io.stowage.engine.command;

import io.stowage.engine.model.Bucket;

/** Makes an existing user the owner of a bucket. */
public record SetBucketOwner(String bucket, String owner) implements Command<Bucket> {
}
