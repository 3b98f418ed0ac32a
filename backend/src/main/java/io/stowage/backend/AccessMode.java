package io.stowage.backend;

import java.util.Locale;

/** What a key may do in a bucket (or under a key prefix of it). */
public enum AccessMode {
    READ_ONLY, READ_WRITE,
    /** Put objects (multipart uploads included) but neither read nor list them: a drop box, a backup target. */
    WRITE_ONLY;

    /** {@code read-only}, {@code read-write} or {@code write-only}, as classes' parameters and annotations write it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code read-only}/{@code ReadOnly}/{@code read_only} and the like, case-insensitively. */
    public static AccessMode of(String value) {
        String normal = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (AccessMode mode : values()) {
            if (mode.wireName().replace("-", "").equals(normal)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("access must be read-only, read-write or write-only, not '" + value + "'");
    }
}
