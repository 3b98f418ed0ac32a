package io.stowage.cli.provision;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * Applies and reads objects of any kind the examples use, with the resource names spelled out, so that
 * no API discovery is needed (fabric8's mock server answers none for custom resources).
 */
final class KubeObjects {

    private record Kind(String group, String version, String plural, boolean namespaced) {
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "Secret", new Kind("", "v1", "secrets", true),
            "ConfigMap", new Kind("", "v1", "configmaps", true),
            "StorageClass", new Kind("storage.k8s.io", "v1", "storageclasses", false),
            "ObjectBucketClaim", new Kind("objectbucket.io", "v1alpha1", "objectbucketclaims", true),
            "ObjectBucket", new Kind("objectbucket.io", "v1alpha1", "objectbuckets", false),
            "BucketClass", new Kind("objectstorage.k8s.io", "v1alpha1", "bucketclasses", false),
            "BucketAccessClass", new Kind("objectstorage.k8s.io", "v1alpha1", "bucketaccessclasses", false),
            "BucketClaim", new Kind("objectstorage.k8s.io", "v1alpha1", "bucketclaims", true),
            "BucketAccess", new Kind("objectstorage.k8s.io", "v1alpha1", "bucketaccesses", true),
            "Bucket", new Kind("objectstorage.k8s.io", "v1alpha1", "buckets", false));

    private final KubernetesClient client;

    KubeObjects(KubernetesClient client) {
        this.client = client;
    }

    void apply(GenericKubernetesResource object) {
        var resources = client.genericKubernetesResources(context(object.getKind()));
        var target = object.getMetadata().getNamespace() == null ? resources.resource(object)
                : resources.inNamespace(object.getMetadata().getNamespace()).resource(object);
        target.createOr(NonDeletingOperation::update);
    }

    /** The object, or null when it does not exist. */
    GenericKubernetesResource get(String kind, String namespace, String name) {
        var resources = client.genericKubernetesResources(context(kind));
        return namespace == null ? resources.withName(name).get() : resources.inNamespace(namespace).withName(name).get();
    }

    /** Every object of a cluster-scoped kind. */
    List<GenericKubernetesResource> list(String kind) {
        return client.genericKubernetesResources(context(kind)).list().getItems();
    }

    void delete(String kind, String namespace, String name) {
        var resources = client.genericKubernetesResources(context(kind));
        (namespace == null ? resources.withName(name) : resources.inNamespace(namespace).withName(name)).delete();
    }

    private static ResourceDefinitionContext context(String kind) {
        Kind known = KINDS.get(kind);
        if (known == null) {
            throw new IllegalArgumentException("no resource definition for kind " + kind);
        }
        return new ResourceDefinitionContext.Builder().withGroup(known.group()).withVersion(known.version())
                .withKind(kind).withPlural(known.plural()).withNamespaced(known.namespaced()).build();
    }
}
