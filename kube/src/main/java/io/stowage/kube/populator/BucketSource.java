package io.stowage.kube.populator;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A bucket prefix a PersistentVolumeClaim is filled from: the data source a claim's {@code dataSourceRef} names
 * ({@code apiGroup: stowage.io, kind: BucketSource}), served by the volume populator. It has no status: what
 * happens is said on the claims that use it.
 */
@Group(BucketSource.GROUP)
@Version(BucketSource.VERSION)
@Kind(BucketSource.KIND)
@Plural("bucketsources")
@Singular("bucketsource")
@AdditionalPrinterColumn(name = "Bucket", type = Type.STRING, jsonPath = ".spec.bucket")
@AdditionalPrinterColumn(name = "Prefix", type = Type.STRING, jsonPath = ".spec.prefix")
@AdditionalPrinterColumn(name = "Age", type = Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class BucketSource extends CustomResource<BucketSourceSpec, Void> implements Namespaced {

    public static final String GROUP = "stowage.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "BucketSource";

    @Override
    protected BucketSourceSpec initSpec() {
        return new BucketSourceSpec();
    }
}
