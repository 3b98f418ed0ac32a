package io.stowage.admin.client;

/** Hard limits of a bucket; 0 means no limit on that dimension. */
public record Quota(long maxBytes, long maxObjects) {

    public static final Quota NONE = new Quota(0, 0);

    public Quota {
        if (maxBytes < 0 || maxObjects < 0) {
            throw new IllegalArgumentException("quota limits must not be negative");
        }
    }
}
