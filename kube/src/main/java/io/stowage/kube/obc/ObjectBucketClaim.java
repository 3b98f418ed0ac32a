package io.stowage.kube.obc;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * lib-bucket-provisioner's ObjectBucketClaim (objectbucket.io/v1alpha1): a namespaced request for a
 * bucket and credentials. The CRD generated from this class matches the library's, for clusters that do
 * not have it yet (Rook and NooBaa install the same CRD).
 */
@Group(ObjectBucketClaim.GROUP)
@Version(ObjectBucketClaim.VERSION)
@Kind("ObjectBucketClaim")
@Plural("objectbucketclaims")
@Singular("objectbucketclaim")
@ShortNames({"obc", "obcs"})
@AdditionalPrinterColumn(name = "Storage-Class", type = Type.STRING, jsonPath = ".spec.storageClassName")
@AdditionalPrinterColumn(name = "Phase", type = Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Age", type = Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class ObjectBucketClaim extends CustomResource<ObjectBucketClaimSpec, ObjectBucketClaimStatus>
        implements Namespaced {

    public static final String GROUP = "objectbucket.io";
    public static final String VERSION = "v1alpha1";

    @Override
    protected ObjectBucketClaimSpec initSpec() {
        return new ObjectBucketClaimSpec();
    }
}
