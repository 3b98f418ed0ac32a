package io.stowage.engine.model;

/** Hard limits of a bucket; 0 means no limit on that dimension. */
public record Quota(long maxBytes, long maxObjects) {

    public static final Quota NONE = new Quota(0, 0);

    public Quota {
        if (maxBytes < 0 || maxObjects < 0) {
            throw new IllegalArgumentException("quota limits must not be negative");
        }
    }

    public boolean allows(Usage usage) {
        return (maxBytes == 0 || usage.bytes() <= maxBytes) && (maxObjects == 0 || usage.objects() <= maxObjects);
    }
}
