package io.stowage.kube.cosi.crd;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** COSI's cluster-scoped Bucket: a bucket in an object store, made by its driver or pre-existing. */
@Group(CosiApi.GROUP)
@Version(CosiApi.VERSION)
@Kind("Bucket")
@Plural("buckets")
@Singular("bucket")
public class Bucket extends CustomResource<BucketSpec, BucketStatus> {

    @Override
    protected BucketSpec initSpec() {
        return new BucketSpec();
    }
}
