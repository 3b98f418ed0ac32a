package io.stowage.backend;

/**
 * What a backend can do beyond buckets and keys. A call that needs a capability the backend lacks fails with
 * {@link BackendException.Reason#UNSUPPORTED}.
 *
 * @param ownerChange {@link BucketBackend#setOwner} and {@link BucketBackend#createBucket} with an owner
 * @param bucketQuota bucket quotas in bytes ({@link BucketBackend#setQuota}, a quota on create, with
 *     {@link BucketQuota#maxBytes()})
 * @param objectQuota bucket quotas on the number of objects too ({@link BucketQuota#maxObjects()}; MinIO's quotas, for
 *     one, count bytes only)
 * @param prefixQuota quotas on key prefixes ({@link BucketBackend#setPrefixQuota} and the like)
 * @param readOnlyGrants keys limited to reading one bucket
 * @param bucketTags {@link BucketBackend#bucketTags} and {@link BucketBackend#setBucketTags}
 * @param multiBucketGrants one key granted on several buckets ({@link BucketBackend#grant} on a second bucket)
 * @param writeOnlyGrants keys that may put objects in a bucket but neither read nor list them ({@link AccessMode#WRITE_ONLY})
 * @param prefixGrants keys limited to a key prefix of a bucket ({@link BucketGrant#prefix()} not empty)
 * @param accountQuota limits on all an account stores, whatever its buckets ({@link BucketBackend#setAccountQuota})
 */
public record BackendCapabilities(boolean ownerChange, boolean bucketQuota, boolean objectQuota, boolean prefixQuota,
                                  boolean readOnlyGrants, boolean bucketTags, boolean multiBucketGrants,
                                  boolean writeOnlyGrants, boolean prefixGrants, boolean accountQuota) {


    /**
     * Refuses, as {@link BackendException.Reason#UNSUPPORTED}, a grant that needs write-only access or a key prefix these
     * capabilities lack: backends call it before they change anything.
     */
    public void requireGrant(String backend, BucketGrant grant) {
        if (grant.mode() == AccessMode.WRITE_ONLY && !writeOnlyGrants) {
            throw unsupported(backend, "write-only grants");
        }
        if (!grant.prefix().isEmpty() && !prefixGrants) {
            throw unsupported(backend, "grants on a key prefix");
        }
    }

    /** The exception a backend throws for a call that needs what it lacks. */
    public static BackendException unsupported(String backend, String what) {
        return new BackendException(BackendException.Reason.UNSUPPORTED, backend + " does not support " + what);
    }
}
