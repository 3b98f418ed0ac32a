package io.stowage.engine.model;

/** A bucket as the engine stores it. */
public record Bucket(String name, String region, String owner, long createdAtMillis, Versioning versioning, Quota quota,
        boolean objectLockEnabled) {

    public Bucket {
        quota = quota == null ? Quota.NONE : quota;
    }

    public Bucket(String name, String region, String owner, long createdAtMillis, Versioning versioning, Quota quota) {
        this(name, region, owner, createdAtMillis, versioning, quota, false);
    }

    public Bucket withOwner(String newOwner) {
        return new Bucket(name, region, newOwner, createdAtMillis, versioning, quota, objectLockEnabled);
    }

    public Bucket withQuota(Quota newQuota) {
        return new Bucket(name, region, owner, createdAtMillis, versioning, newQuota, objectLockEnabled);
    }

    public Bucket withVersioning(Versioning newVersioning) {
        return new Bucket(name, region, owner, createdAtMillis, newVersioning, quota, objectLockEnabled);
    }

    /** Whether new writes get a fresh version id (rather than the "null" one). */
    public boolean versioned() {
        return versioning == Versioning.ENABLED;
    }
}
