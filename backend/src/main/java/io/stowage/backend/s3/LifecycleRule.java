package io.stowage.backend.s3;

import java.util.Objects;

/**
 * A lifecycle rule of the shape most rules take: the objects under a prefix expire, their non-current versions too, and
 * unfinished multipart uploads are aborted, each after so many days (0: that action is absent). Filters by tag or size and
 * dated expirations are outside it.
 *
 * @param prefix the key prefix the rule applies to; {@code ""} for every object
 */
public record LifecycleRule(String id, String prefix, boolean enabled, int expirationDays, int noncurrentVersionExpirationDays,
                            int abortIncompleteUploadDays) {

    public LifecycleRule {
        Objects.requireNonNull(id, "id");
        prefix = prefix == null ? "" : prefix;
        if (expirationDays < 0 || noncurrentVersionExpirationDays < 0 || abortIncompleteUploadDays < 0) {
            throw new IllegalArgumentException("lifecycle rule " + id + ": days must not be negative");
        }
    }
}
