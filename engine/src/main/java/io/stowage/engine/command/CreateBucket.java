package io.stowage.engine.command;

import io.stowage.engine.model.Bucket;

/** Creates a bucket; fails if the name is taken (by this owner or another). */
public record CreateBucket(String name, String region, String owner, long createdAtMillis) implements Command<Bucket> {
}
