package io.stowage.engine.command;

import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.Quota;
import java.util.Map;

/**
 * Creates a bucket; fails if the name is taken (by this owner or another).
 *
 * @param configs configuration documents the bucket starts with (its ACL, ownership controls),
 *     written in the same batch as the bucket so it never exists without them
 * @param objectLockEnabled whether object lock is on, which turns versioning on for good
 */
public record CreateBucket(String name, String region, String owner, long createdAtMillis, Quota quota,
        Map<BucketConfigKind, String> configs, boolean objectLockEnabled) implements Command<Bucket> {

    public CreateBucket {
        configs = Map.copyOf(configs);
    }

    public CreateBucket(String name, String region, String owner, long createdAtMillis, Quota quota,
            Map<BucketConfigKind, String> configs) {
        this(name, region, owner, createdAtMillis, quota, configs, false);
    }

    public CreateBucket(String name, String region, String owner, long createdAtMillis, Quota quota) {
        this(name, region, owner, createdAtMillis, quota, Map.of());
    }

    public CreateBucket(String name, String region, String owner, long createdAtMillis) {
        this(name, region, owner, createdAtMillis, Quota.NONE);
    }
}
