package io.stowage.backend;

/** Hard limits of a bucket; 0 means no limit on that dimension. */
public record BucketQuota(long maxBytes, long maxObjects) {

    public static final BucketQuota NONE = new BucketQuota(0, 0);

    public BucketQuota {
        if (maxBytes < 0 || maxObjects < 0) {
            throw new IllegalArgumentException("quota limits must not be negative");
        }
    }
}
