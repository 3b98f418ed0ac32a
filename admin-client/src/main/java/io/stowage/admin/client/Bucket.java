package io.stowage.admin.client;

import java.time.Instant;

/** A bucket with its owner, quota and current usage. */
public record Bucket(String name, String owner, Instant createdAt, String region, Quota quota, Usage usage) {

    public Bucket {
        quota = quota == null ? Quota.NONE : quota;
        usage = usage == null ? new Usage(0, 0) : usage;
    }
}
