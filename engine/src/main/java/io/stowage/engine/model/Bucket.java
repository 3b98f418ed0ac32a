package io.stowage.engine.model;

/** A bucket as the engine stores it. */
public record Bucket(String name, String region, String owner, long createdAtMillis, Versioning versioning, Quota quota) {

    public Bucket {
        quota = quota == null ? Quota.NONE : quota;
    }

    public Bucket withOwner(String newOwner) {
        return new Bucket(name, region, newOwner, createdAtMillis, versioning, quota);
    }

    public Bucket withQuota(Quota newQuota) {
        return new Bucket(name, region, owner, createdAtMillis, versioning, newQuota);
    }
}
