package io.stowage.kube.cosi.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** COSI's BucketAccess: a workload's request for credentials to a claimed bucket, written to a Secret. */
@Group(CosiApi.GROUP)
@Version(CosiApi.VERSION)
@Kind("BucketAccess")
@Plural("bucketaccesses")
@Singular("bucketaccess")
public class BucketAccess extends CustomResource<BucketAccessSpec, BucketAccessStatus> implements Namespaced {

    @Override
    protected BucketAccessSpec initSpec() {
        return new BucketAccessSpec();
    }
}
