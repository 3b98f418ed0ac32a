package io.stowage.backend;

import java.util.Objects;

/**
 * Access to a bucket, or only to the objects whose keys begin with {@code prefix}.
 *
 * @param prefix a key prefix, or empty for the whole bucket
 */
public record BucketGrant(String bucket, String prefix, AccessMode mode) {

    public BucketGrant {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(mode, "mode");
    }

    /** Access to the whole bucket. */
    public BucketGrant(String bucket, AccessMode mode) {
        this(bucket, "", mode);
    }
}
