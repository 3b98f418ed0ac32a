package io.stowage.backend;

import java.util.Objects;

/** Access to one whole bucket. */
public record BucketGrant(String bucket, AccessMode mode) {

    public BucketGrant {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(mode, "mode");
    }
}
