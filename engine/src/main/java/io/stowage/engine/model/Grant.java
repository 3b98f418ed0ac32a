package io.stowage.engine.model;

import java.util.Objects;

/** Access for a subject to one bucket, or to the keys of that bucket starting with {@code prefix} ("" for all). */
public record Grant(GrantSubject subject, String bucket, String prefix, Access access) {

    public Grant {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(access, "access");
        prefix = prefix == null ? "" : prefix;
    }

    /** Whether this grant covers {@code key} of its bucket (a null key means the bucket itself). */
    public boolean covers(String key) {
        return prefix.isEmpty() || key != null && key.startsWith(prefix);
    }
}
