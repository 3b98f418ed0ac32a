package io.stowage.admin.client;

import java.util.Objects;

/**
 * Access to a bucket, or to the keys under a prefix of it, carried by a scoped access key.
 *
 * @param prefix the key prefix, {@code ""} for the whole bucket
 */
public record KeyGrant(String bucket, String prefix, Access access) {

    public KeyGrant {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(access, "access");
        prefix = prefix == null ? "" : prefix;
    }
}
