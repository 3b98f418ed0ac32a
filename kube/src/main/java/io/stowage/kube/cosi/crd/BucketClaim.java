package io.stowage.kube.cosi.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** COSI's BucketClaim: a workload's request for a bucket of a BucketClass, or for an existing Bucket. */
@Group(CosiApi.GROUP)
@Version(CosiApi.VERSION)
@Kind("BucketClaim")
@Plural("bucketclaims")
@Singular("bucketclaim")
public class BucketClaim extends CustomResource<BucketClaimSpec, BucketClaimStatus> implements Namespaced {

    @Override
    protected BucketClaimSpec initSpec() {
        return new BucketClaimSpec();
    }
}
