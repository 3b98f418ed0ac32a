package io.stowage.s3.lifecycle;

/**
 * One rule of a bucket's lifecycle configuration.
 *
 * @param expiration what happens to current versions, or null
 * @param noncurrentExpiration what happens to non-current versions, or null
 * @param abortIncompleteUploadDays days after initiation at which uploads in progress are aborted, or null
 */
public record LifecycleRule(String id, boolean enabled, LifecycleFilter filter, Expiration expiration,
        NoncurrentExpiration noncurrentExpiration, Integer abortIncompleteUploadDays) {

    /**
     * The Expiration action: after {@code days}, on {@code dateMillis}, or (with {@code expiredObjectDeleteMarker})
     * removing delete markers that no longer hide any version. Fields not given are null.
     */
    public record Expiration(Integer days, Long dateMillis, Boolean expiredObjectDeleteMarker) {

        /** Whether this action removes delete markers that are the only version of their key. */
        public boolean removesExpiredDeleteMarkers() {
            return Boolean.TRUE.equals(expiredObjectDeleteMarker);
        }
    }

    /**
     * The NoncurrentVersionExpiration action: versions non-current for {@code noncurrentDays} are removed, except the
     * {@code newerNoncurrentVersions} newest non-current ones (null: none kept).
     */
    public record NoncurrentExpiration(int noncurrentDays, Integer newerNoncurrentVersions) {

        public int versionsKept() {
            return newerNoncurrentVersions == null ? 0 : newerNoncurrentVersions;
        }
    }

    public boolean hasAction() {
        return expiration != null || noncurrentExpiration != null || abortIncompleteUploadDays != null;
    }
}
