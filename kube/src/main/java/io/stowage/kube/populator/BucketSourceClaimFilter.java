package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.processing.event.source.filter.GenericFilter;

/** Lets only claims whose dataSourceRef names a BucketSource reach the populator. */
public final class BucketSourceClaimFilter implements GenericFilter<PersistentVolumeClaim> {

    @Override
    public boolean accept(PersistentVolumeClaim claim) {
        return fromBucketSource(claim);
    }

    static boolean fromBucketSource(PersistentVolumeClaim claim) {
        var ref = claim.getSpec() == null ? null : claim.getSpec().getDataSourceRef();
        return ref != null && BucketSource.GROUP.equals(ref.getApiGroup()) && BucketSource.KIND.equals(ref.getKind());
    }
}
