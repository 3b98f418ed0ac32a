package io.stowage.engine.command;

import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Quota;

/** Creates a bucket; fails if the name is taken (by this owner or another). */
public record CreateBucket(String name, String region, String owner, long createdAtMillis, Quota quota)
        implements Command<Bucket> {

    public CreateBucket(String name, String region, String owner, long createdAtMillis) {
        this(name, region, owner, createdAtMillis, Quota.NONE);
    }
}
