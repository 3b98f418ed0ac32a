package io.stowage.backend.s3;

/**
 * A bucket's versioning state as GetBucketVersioning answers it. A bucket never versioned is {@link #UNVERSIONED}; once
 * enabled, S3 only lets it be {@link #SUSPENDED}, never unversioned again.
 */
public enum BucketVersioning {
    UNVERSIONED, ENABLED, SUSPENDED;

    /** The {@code Status} element's text: {@code Enabled} or {@code Suspended}; null for {@link #UNVERSIONED}. */
    public String wireName() {
        return switch (this) {
            case UNVERSIONED -> null;
            case ENABLED -> "Enabled";
            case SUSPENDED -> "Suspended";
        };
    }

    /** Reads a {@code Status} element's text; absent or empty is {@link #UNVERSIONED}. */
    static BucketVersioning ofWire(String status) {
        if (status == null || status.isBlank()) {
            return UNVERSIONED;
        }
        return switch (status.strip()) {
            case "Enabled" -> ENABLED;
            case "Suspended" -> SUSPENDED;
            default -> throw new IllegalArgumentException("versioning status '" + status + "' is neither Enabled nor Suspended");
        };
    }
}
