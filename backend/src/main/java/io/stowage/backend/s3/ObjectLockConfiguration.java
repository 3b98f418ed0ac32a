package io.stowage.backend.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * A bucket's object lock as GetObjectLockConfiguration answers it. Object lock is enabled only when the bucket is created
 * with it, and never turned off.
 *
 * @param enabled whether the bucket has object lock
 * @param defaultRetention the default retention of a bucket with object lock; empty: none
 */
public record ObjectLockConfiguration(boolean enabled, Optional<DefaultRetention> defaultRetention) {

    /** A bucket created without object lock. */
    public static final ObjectLockConfiguration DISABLED = new ObjectLockConfiguration(false, Optional.empty());

    public ObjectLockConfiguration {
        Objects.requireNonNull(defaultRetention, "defaultRetention");
        if (!enabled && defaultRetention.isPresent()) {
            throw new IllegalArgumentException("a bucket without object lock has no default retention");
        }
    }

    /** Object lock enabled, with this default retention (empty: none). */
    public static ObjectLockConfiguration enabled(Optional<DefaultRetention> defaultRetention) {
        return new ObjectLockConfiguration(true, defaultRetention);
    }

    @Override
    public String toString() {
        return !enabled ? "disabled" : defaultRetention.map(DefaultRetention::toString).orElse("enabled, no default retention");
    }
}
