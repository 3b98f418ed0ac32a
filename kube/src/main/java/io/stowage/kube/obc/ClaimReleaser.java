package io.stowage.kube.obc;

import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.kube.provision.KubeEvents;

/**
 * Lets a deleted claim go, as lib-bucket-provisioner does: a bucket the claim created, under reclaim
 * policy Delete, is deleted with the claim's account; otherwise (Retain, or the StorageClass's existing
 * bucket) only the account goes, which revokes the claim's keys. Then the ObjectBucket is deleted and the
 * finalizers dropped.
 */
final class ClaimReleaser {

    /** What the claim left behind on the backend, as its ObjectBucket (or else its StorageClass) records it. */
    record Held(String bucket, boolean created, String reclaimPolicy, String account) {

        boolean deletesBucket() {
            return created && ObcRequest.DELETE.equals(reclaimPolicy);
        }
    }

    private final ObcWrites writes;
    private final KubeEvents events;

    ClaimReleaser(ObcWrites writes, KubeEvents events) {
        this.writes = writes;
        this.events = events;
    }

    /**
     * Cleans the backend up, then releases the claim's objects.
     *
     * @throws BackendException when the backend refused or failed; nothing is released then
     */
    void release(ObjectBucketClaim claim, Held held, BucketBackend backend) {
        if (held.deletesBucket()) {
            boolean purge = "true".equals(ClaimProvisioner.annotation(claim, ObcNames.PURGE_ANNOTATION));
            backend.deleteBucket(held.bucket(), purge);
            backend.deleteAccount(held.account());
            events.normal(claim, "BucketDeleted", "deleted bucket " + held.bucket() + " and the claim's account "
                    + held.account());
        } else {
            backend.deleteAccount(held.account());
            events.normal(claim, "AccessRevoked", "deleted the claim's account " + held.account()
                    + (held.bucket() == null ? "" : "; bucket " + held.bucket() + " kept"));
        }
        writes.release(claim);
    }

    /** Releases the claim without touching the backend, saying what stays there. */
    void abandon(ObjectBucketClaim claim, Held held) {
        events.warning(claim, "Abandoned", "released without cleaning up the backend: account " + held.account()
                + " and its keys remain" + (held.deletesBucket() ? ", and bucket " + held.bucket() + " with its objects" : ""));
        writes.release(claim);
    }
}
