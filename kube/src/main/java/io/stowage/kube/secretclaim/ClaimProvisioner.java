package io.stowage.kube.secretclaim;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.kube.provision.Capability;
import io.stowage.kube.provision.ClaimRefusedException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a backend hold what a claim asks for: the account with exactly the claim's key, and the bucket
 * owned by that account. Every step is idempotent, so a provisioning cut short by a crash is finished by
 * running it again, with no second key or bucket.
 *
 * <p>A bucket that exists and belongs to another account is refused, not taken over as
 * s3-resource-operator does: with a takeover, anyone allowed to write a Secret in one namespace could
 * seize any bucket on the backend, another tenant's data included. A new bucket is created owned by the
 * account in one call, so no crash leaves one that the next run could not tell from anyone else's.
 *
 * <p>A read-only claim makes no bucket: its account gets exactly its key, limited to reading the bucket, which must
 * be one an annotated read-write Secret of the same namespace owns, or the claim's own account (a Secret switched
 * from read-write to read-only keeps reading its bucket, no longer writing it); read-only access to any other bucket
 * is refused, or any namespace could read any tenant's data by naming its bucket.
 */
final class ClaimProvisioner {

    /** The reason of a read-only claim's refusal that a later owner Secret can lift: checked again after a while. */
    static final String BUCKET_MISSING = "BucketMissing";

    /**
     * @param account the account's name
     * @param backendName how a refusal names the backend
     * @param provisionedBefore whether this claim, unchanged, was provisioned before: an account holding its key id
     *     then holds its key, which is left as it is (otherwise the key is made anew, as its secret may differ)
     * @throws ClaimRefusedException when the key or the bucket is someone else's, or invalid, or the backend cannot
     *     make the account the bucket's owner or give it the quota
     * @throws BackendException when the backend fails otherwise
     */
    void provision(BucketBackend backend, String backendName, String account, SecretClaim claim, BucketQuota quota,
            boolean provisionedBefore) throws ClaimRefusedException {
        Set<Capability> needs = EnumSet.of(Capability.OWNER_CHANGE);
        needs.addAll(Capability.forQuota(quota));
        Capability.require(backend.capabilities(), backendName, needs);
        Optional<BucketState> existing = existingBucket(backend, account, claim.bucket());
        if (!provisionedBefore || !backend.keys(account).contains(claim.key().id())) {
            installKey(backend, account, claim.key(), Optional.empty());
        }
        retireKeysOtherThan(backend, account, claim.key().id());
        BucketState bucket = existing.isPresent() ? existing.get() : createBucket(backend, account, claim.bucket(), quota);
        if (!bucket.quota().equals(quota)) {
            backend.setQuota(claim.bucket(), quota);
        }
    }

    /**
     * Makes the account hold exactly the claim's key, limited to reading the claim's bucket.
     *
     * @param sharingAccounts the accounts whose buckets the claim may read: those of the namespace's annotated
     *     read-write Secrets
     * @throws ClaimRefusedException BucketMissing when the bucket does not exist (yet), BucketNotShared when it
     *     belongs to an account neither in {@code sharingAccounts} nor {@code account}; as {@link #provision} for the
     *     key
     */
    void provisionReadOnly(BucketBackend backend, String backendName, String account, SecretClaim claim,
            Set<String> sharingAccounts, boolean provisionedBefore) throws ClaimRefusedException {
        Capability.require(backend.capabilities(), backendName, EnumSet.of(Capability.READ_ONLY_GRANTS));
        Optional<BucketState> bucket = findBucket(backend, claim.bucket());
        if (bucket.isEmpty()) {
            throw new ClaimRefusedException(BUCKET_MISSING, "bucket " + claim.bucket() + " does not exist (yet: "
                    + "checked again in a while); nothing was created");
        }
        String owner = bucket.get().owner();
        if (!owner.equals(account) && !sharingAccounts.contains(owner)) {
            throw new ClaimRefusedException("BucketNotShared", "bucket " + claim.bucket() + " belongs to no annotated "
                    + "read-write Secret of this namespace: read-only access is given to buckets of this namespace's "
                    + "annotated Secrets; nothing was created");
        }
        if (!provisionedBefore || !backend.keys(account).contains(claim.key().id())) {
            installKey(backend, account, claim.key(), Optional.of(new BucketGrant(claim.bucket(), AccessMode.READ_ONLY)));
        }
        retireKeysOtherThan(backend, account, claim.key().id());
    }

    /** The bucket when it exists and is the account's; refused, before anything is made, when it is another's. */
    private static Optional<BucketState> existingBucket(BucketBackend backend, String account, String bucket)
            throws ClaimRefusedException {
        Optional<BucketState> found = findBucket(backend, bucket);
        if (found.isPresent() && !found.get().owner().equals(account)) {
            throw taken(bucket);
        }
        return found;
    }

    private static Optional<BucketState> findBucket(BucketBackend backend, String bucket) throws ClaimRefusedException {
        try {
            return backend.findBucket(bucket);
        } catch (BackendException e) {
            throw refusedIf(e, "InvalidBucketName");
        }
    }

    /**
     * The new key first; the old ones go after ({@link #retireKeysOtherThan}): the account is never left without a
     * working key. The account's own key with another scope (the claim's access changed) is made anew: the backend
     * would keep its secret, or its rights on its account's buckets.
     */
    private static void installKey(BucketBackend backend, String account, AccessKey key, Optional<BucketGrant> grant)
            throws ClaimRefusedException {
        try {
            if (backend.keys(account).contains(key.id())
                    && !backend.keyGrants(key.id()).equals(grant.map(List::of).orElse(List.of()))) {
                backend.deleteKey(key.id());
            }
            try {
                backend.createKey(account, key, grant);
            } catch (BackendException e) {
                if (e.reason() != BackendException.Reason.CONFLICT) {
                    throw e;
                }
                if (!backend.keys(account).contains(key.id())) {
                    throw new ClaimRefusedException("KeyTaken",
                            "access key " + key.id() + " belongs to another account: choose another key id");
                }
                // the account's own key with a new secret: a key's secret cannot change, it is made anew
                backend.deleteKey(key.id());
                backend.createKey(account, key, grant);
            }
        } catch (BackendException e) {
            throw refusedIf(e, "InvalidKey");
        }
    }

    private static void retireKeysOtherThan(BucketBackend backend, String account, String keptKeyId) {
        for (String old : backend.keys(account)) {
            if (!old.equals(keptKeyId)) {
                backend.deleteKey(old);
            }
        }
    }

    /** Creates the bucket owned by the account (which exists: it has its key), with the quota. */
    private static BucketState createBucket(BucketBackend backend, String account, String bucket, BucketQuota quota)
            throws ClaimRefusedException {
        BucketState state;
        try {
            state = backend.createBucket(bucket, quota, Optional.of(account));
        } catch (BackendException e) {
            throw refusedIf(e, "InvalidBucketName");
        }
        if (!state.owner().equals(account)) {
            // created by someone else since it was looked up
            throw taken(bucket);
        }
        return state;
    }

    private static ClaimRefusedException taken(String bucket) {
        return new ClaimRefusedException("BucketNameTaken", "bucket " + bucket
                + " exists and belongs to another account: Stowage does not take buckets over; choose another name");
    }

    /** A backend's INVALID answer is the user's to fix in the Secret; any other failure stays as it is. */
    private static RuntimeException refusedIf(BackendException e, String eventReason) throws ClaimRefusedException {
        if (e.reason() == BackendException.Reason.INVALID) {
            throw new ClaimRefusedException(eventReason, e.getMessage());
        }
        return e;
    }
}
