package io.stowage.kube.populator;

import io.stowage.kube.provision.ClaimRefusedException;
import java.util.List;

/**
 * A BucketSource with its endpoint resolved (an ObjectStore reference becomes that store's in-cluster URL).
 *
 * @param prefix empty for the whole bucket
 * @param region null for the worker's default
 */
public record ResolvedSource(String endpoint, String region, String bucket, String prefix, List<String> include,
        List<String> exclude) {

    public ResolvedSource {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /**
     * @param objectStoreEndpoint the referenced ObjectStore's S3 URL, or null when the source names none
     * @throws ClaimRefusedException when the source names both an endpoint and an ObjectStore, or neither
     */
    public static ResolvedSource of(BucketSourceSpec spec, String objectStoreEndpoint) throws ClaimRefusedException {
        boolean hasEndpoint = spec.getEndpoint() != null && !spec.getEndpoint().isBlank();
        boolean hasStore = spec.getObjectStoreRef() != null && !spec.getObjectStoreRef().isBlank();
        if (hasEndpoint == hasStore) {
            throw new ClaimRefusedException("InvalidBucketSource", "a BucketSource names either an endpoint or an"
                    + " objectStoreRef, exactly one of them");
        }
        if (spec.getBucket() == null || spec.getBucket().isBlank()) {
            throw new ClaimRefusedException("InvalidBucketSource", "the BucketSource names no bucket");
        }
        return new ResolvedSource(hasEndpoint ? spec.getEndpoint().strip() : objectStoreEndpoint,
                spec.getRegion() == null || spec.getRegion().isBlank() ? null : spec.getRegion().strip(),
                spec.getBucket().strip(), spec.getPrefix() == null ? "" : spec.getPrefix(), spec.getInclude(),
                spec.getExclude());
    }
}
