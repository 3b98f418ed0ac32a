package io.stowage.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An object store the provisioners (COSI, ObjectBucketClaim, annotated Secrets, CSI) make buckets and
 * credentials on. Every call is idempotent: repeating it after a crash, with the same arguments, ends
 * in the same state and does not fail because the first call got through.
 *
 * <p>An <em>account</em> is who keys belong to (a user on Stowage, RGW, MinIO, VersityGW; a key name on
 * Garage). A key created with a {@link BucketGrant} reaches only that bucket; a key created without one
 * acts with all its account's rights, which include the buckets the account owns.
 *
 * <p>Failures are {@link BackendException}s whose {@link BackendException.Reason reason} says whether
 * a retry can help.
 */
public interface BucketBackend extends AutoCloseable {
    // The optional capabilities (prefix and account quotas) throw UNSUPPORTED by default: only backends that have them
    // override them, and declare them in capabilities().

    /** What this backend can do; calls that need what it lacks fail with {@link BackendException.Reason#UNSUPPORTED}. */
    BackendCapabilities capabilities();

    /** Where workloads reach the buckets, for the connection data handed to them. */
    S3Endpoint endpoint();

    /**
     * Creates the bucket with the given quota and owner, in one step; when it exists already, answers it
     * as it is (quota and owner unchanged: {@link #setQuota} and {@link #setOwner} change them).
     *
     * @param owner an existing account to own the bucket, or empty for the backend's own administrator
     */
    BucketState createBucket(String bucket, BucketQuota quota, Optional<String> owner);

    /** Creates the bucket owned by the backend's own administrator (see {@link #createBucket(String, BucketQuota, Optional)}). */
    default BucketState createBucket(String bucket, BucketQuota quota) {
        return createBucket(bucket, quota, Optional.empty());
    }

    /** The bucket, or empty when it does not exist. */
    Optional<BucketState> findBucket(String bucket);

    /** Replaces the bucket's quota ({@link BucketQuota#NONE} removes it). */
    void setQuota(String bucket, BucketQuota quota);

    /**
     * The hard limits of the objects under {@code prefix} (a key prefix ending with '/') in the bucket, or empty when
     * the prefix has none. A bucket that does not exist is {@link BackendException.Reason#NOT_FOUND}.
     */
    default Optional<BucketQuota> prefixQuota(String bucket, String prefix) {
        throw BackendCapabilities.unsupported(toString(), "prefix quotas");
    }

    /**
     * Sets the hard limits of the objects under {@code prefix} (a key prefix ending with '/'): the backend refuses
     * writes that would take the prefix past them. Changing the limits of an existing prefix quota keeps what it
     * counted; a new one needs an empty prefix, else {@link BackendException.Reason#CONFLICT}.
     */
    default void setPrefixQuota(String bucket, String prefix, BucketQuota quota) {
        throw BackendCapabilities.unsupported(toString(), "prefix quotas");
    }

    /** Removes the quota of a prefix; a prefix without one, or a bucket that does not exist, is success. */
    default void deletePrefixQuota(String bucket, String prefix) {
        throw BackendCapabilities.unsupported(toString(), "prefix quotas");
    }

    /** Makes an existing account the bucket's owner. */
    void setOwner(String bucket, String account);

    /**
     * The bucket's tags (S3 bucket tagging): where a provisioner keeps what it made the bucket with and
     * the backend does not otherwise remember. Empty when it has none.
     */
    Map<String, String> bucketTags(String bucket);

    /** Replaces the bucket's tags; an empty map removes them. */
    void setBucketTags(String bucket, Map<String, String> tags);

    /**
     * Deletes the bucket; a bucket that does not exist is success. Without {@code purge} a bucket that
     * still holds objects is refused with {@link BackendException.Reason#BUCKET_NOT_EMPTY}; with it, its
     * objects and unfinished uploads go first.
     */
    void deleteBucket(String bucket, boolean purge);

    /**
     * Makes sure {@code account} exists and has exactly this key (id and secret), limited to
     * {@code grant} when one is given. A key id that another account holds is
     * {@link BackendException.Reason#CONFLICT}.
     */
    void createKey(String account, AccessKey key, Optional<BucketGrant> grant);

    /** A new random key in the form this backend accepts in {@link #createKey} (Garage, for one, wants its own). */
    default AccessKey newKey() {
        return AccessKey.generate();
    }

    /** The ids of the account's keys; empty when the account does not exist. */
    List<String> keys(String account);

    /** Deletes one key; a key that does not exist is success. */
    void deleteKey(String accessKeyId);

    /** Deletes the account with all its keys; an account that does not exist is success. */
    void deleteAccount(String account);

    /**
     * Gives a key access to a bucket, or to a key prefix of it, replacing the access it had to that bucket (on whatever
     * prefix). A write-only or prefix grant on a backend without {@link BackendCapabilities#writeOnlyGrants()} or
     * {@link BackendCapabilities#prefixGrants()} is {@link BackendException.Reason#UNSUPPORTED}, as in {@link #createKey}.
     */
    void grant(String accessKeyId, BucketGrant grant);

    /**
     * The grants the key holds, one per bucket (with its prefix); empty when it has none, and
     * so acts with its account's rights. A key that does not exist is {@link BackendException.Reason#NOT_FOUND}.
     */
    List<BucketGrant> keyGrants(String accessKeyId);

    /**
     * The limits on everything the account stores, all its buckets together, or empty when it has none. An account
     * that does not exist is {@link BackendException.Reason#NOT_FOUND}. Only backends with
     * {@link BackendCapabilities#accountQuota()} have them; the others answer {@link BackendException.Reason#UNSUPPORTED}.
     */
    default Optional<BucketQuota> accountQuota(String account) {
        throw BackendCapabilities.unsupported(toString(), "account quotas");
    }

    /** Replaces the account's limits ({@link BucketQuota#NONE} removes them); see {@link #accountQuota}. */
    default void setAccountQuota(String account, BucketQuota quota) {
        throw BackendCapabilities.unsupported(toString(), "account quotas");
    }

    /**
     * Takes a key's access to a bucket away; a key left without any access is deleted, so that it
     * never falls back to its account's rights.
     */
    void revoke(String accessKeyId, String bucket);

    @Override
    void close();
}
