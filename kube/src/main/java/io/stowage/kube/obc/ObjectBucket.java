package io.stowage.kube.obc;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * lib-bucket-provisioner's ObjectBucket (objectbucket.io/v1alpha1, cluster-scoped): the bucket a claim is
 * bound to, named {@code obc-<claim namespace>-<claim name>}. It never holds credentials.
 */
@Group(ObjectBucketClaim.GROUP)
@Version(ObjectBucketClaim.VERSION)
@Kind("ObjectBucket")
@Plural("objectbuckets")
@Singular("objectbucket")
@ShortNames({"ob", "obs"})
@AdditionalPrinterColumn(name = "Storage-Class", type = Type.STRING, jsonPath = ".spec.storageClassName")
@AdditionalPrinterColumn(name = "Claim-Namespace", type = Type.STRING, jsonPath = ".spec.claimRef.namespace")
@AdditionalPrinterColumn(name = "Claim-Name", type = Type.STRING, jsonPath = ".spec.claimRef.name")
@AdditionalPrinterColumn(name = "Reclaim-Policy", type = Type.STRING, jsonPath = ".spec.reclaimPolicy")
@AdditionalPrinterColumn(name = "Phase", type = Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Age", type = Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class ObjectBucket extends CustomResource<ObjectBucketSpec, ObjectBucketStatus> {

    @Override
    protected ObjectBucketSpec initSpec() {
        return new ObjectBucketSpec();
    }
}
