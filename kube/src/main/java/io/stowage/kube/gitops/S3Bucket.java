package io.stowage.kube.gitops;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A bucket on a backend, declared for a platform team (docs/gitops.md). */
@Group(GitopsApi.GROUP)
@Version(GitopsApi.VERSION)
@Kind("S3Bucket")
@Plural("s3buckets")
@Singular("s3bucket")
@AdditionalPrinterColumn(name = "Bucket", type = Type.STRING, jsonPath = ".status.bucketName")
@AdditionalPrinterColumn(name = "Ready", type = Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reason", type = Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "Age", type = Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class S3Bucket extends CustomResource<S3BucketSpec, S3BucketStatus> implements Namespaced {

    @Override
    protected S3BucketSpec initSpec() {
        return new S3BucketSpec();
    }

    /** The bucket's name: the spec's, or the resource's. */
    public String bucketName() {
        String named = getSpec().getBucketName();
        return named == null || named.isBlank() ? getMetadata().getName() : named;
    }
}
