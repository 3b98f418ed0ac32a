package io.stowage.kube.secretclaim;

import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.kube.provision.Capability;
import io.stowage.kube.provision.ClaimRefusedException;
import java.util.EnumSet;
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
 */
final class ClaimProvisioner {

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
            installKey(backend, account, claim.key());
        }
        retireKeysOtherThan(backend, account, claim.key().id());
        BucketState bucket = existing.isPresent() ? existing.get() : createBucket(backend, account, claim.bucket(), quota);
        if (!bucket.quota().equals(quota)) {
            backend.setQuota(claim.bucket(), quota);
        }
    }

    /** The bucket when it exists and is the account's; refused, before anything is made, when it is another's. */
    private static Optional<BucketState> existingBucket(BucketBackend backend, String account, String bucket)
            throws ClaimRefusedException {
        Optional<BucketState> found;
        try {
            found = backend.findBucket(bucket);
        } catch (BackendException e) {
            throw refusedIf(e, "InvalidBucketName");
        }
        if (found.isPresent() && !found.get().owner().equals(account)) {
            throw taken(bucket);
        }
        return found;
    }

    /**
     * The new key first; the old ones go after ({@link #retireKeysOtherThan}): the account is never left without a
     * working key.
     */
    private static void installKey(BucketBackend backend, String account, AccessKey key) throws ClaimRefusedException {
        try {
            try {
                backend.createKey(account, key, Optional.empty());
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
                backend.createKey(account, key, Optional.empty());
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
