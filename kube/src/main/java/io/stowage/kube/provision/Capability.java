package io.stowage.kube.provision;

import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketQuota;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a claim may ask of its backend beyond buckets and keys, checked against {@link BucketBackend#capabilities()}
 * before any work, so that a backend that cannot do it leaves no half-made bucket behind. The front ends never grant
 * one key on several buckets (each claim has its own account), so none of them needs
 * {@link BackendCapabilities#multiBucketGrants()}; COSI goes on without {@link BackendCapabilities#bucketTags()}
 * (see {@link io.stowage.kube.cosi.CosiProvisioner}).
 */
public enum Capability {
    BUCKET_QUOTA("bucketQuota", "bucket quotas in bytes", BackendCapabilities::bucketQuota),
    OBJECT_QUOTA("objectQuota", "bucket quotas on the number of objects", BackendCapabilities::objectQuota),
    READ_ONLY_GRANTS("readOnlyGrants", "read-only access", BackendCapabilities::readOnlyGrants),
    OWNER_CHANGE("ownerChange", "buckets owned by an account of the claim", BackendCapabilities::ownerChange);

    /** The event reason and failure metric label of a claim its backend cannot serve. */
    public static final String REFUSED_REASON = "BackendLacksCapability";

    private final String field;
    private final String description;
    private final Predicate<BackendCapabilities> declared;

    Capability(String field, String description, Predicate<BackendCapabilities> declared) {
        this.field = field;
        this.description = description;
        this.declared = declared;
    }

    /** What a bucket quota needs: bucket quotas for a limit in bytes, object quotas for one on objects. */
    public static Set<Capability> forQuota(BucketQuota quota) {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        if (quota.maxBytes() > 0) {
            needs.add(BUCKET_QUOTA);
        }
        if (quota.maxObjects() > 0) {
            needs.add(OBJECT_QUOTA);
        }
        return needs;
    }

    /**
     * Refuses the claim when the backend (what it declares) lacks any of the capabilities it needs.
     *
     * @param backendName how the message names the backend, such as its Secret
     * @param needed what the claim asks for
     * @throws ClaimRefusedException with {@link #REFUSED_REASON}, naming each missing capability
     */
    public static void require(BackendCapabilities backend, String backendName, Set<Capability> needed)
            throws ClaimRefusedException {
        List<Capability> lacking = needed.stream().filter(c -> !c.declared.test(backend)).sorted().toList();
        if (!lacking.isEmpty()) {
            throw new ClaimRefusedException(REFUSED_REASON, backendName + " cannot do what the claim asks: "
                    + String.join("; ", lacking.stream().map(c -> "no " + c.field + " (" + c.description + ")").toList())
                    + "; nothing was created: drop that from the claim or its class, or use another backend");
        }
    }
}
