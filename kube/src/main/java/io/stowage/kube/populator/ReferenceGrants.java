package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a claim may use a BucketSource of another namespace: as Kubernetes asks of cross-namespace data sources
 * (the CrossNamespaceVolumeDataSource gate), the source's namespace must hold a Gateway API ReferenceGrant from
 * PersistentVolumeClaims of the claim's namespace to that BucketSource (or to every BucketSource there). Without one
 * a user could copy any namespace's data, with that namespace's credentials, into a volume of their own.
 */
public final class ReferenceGrants {

    static final ResourceDefinitionContext REFERENCE_GRANT = new ResourceDefinitionContext.Builder()
            .withGroup("gateway.networking.k8s.io").withVersion("v1beta1").withKind("ReferenceGrant")
            .withPlural("referencegrants").withNamespaced(true).build();

    private ReferenceGrants() {
    }

    /**
     * @return whether a ReferenceGrant in {@code sourceNamespace} lets claims of {@code claimNamespace} refer to the
     *     BucketSource {@code sourceName}; false too when the ReferenceGrant API is not installed
     */
    public static boolean permit(KubernetesClient client, String claimNamespace, String sourceNamespace, String sourceName) {
        List<GenericKubernetesResource> grants;
        try {
            grants = client.genericKubernetesResources(REFERENCE_GRANT).inNamespace(sourceNamespace).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false; // no Gateway API CRDs: nothing can grant
            }
            throw e;
        }
        return grants.stream().anyMatch(grant -> permits(grant, claimNamespace, sourceName));
    }

    static boolean permits(GenericKubernetesResource grant, String claimNamespace, String sourceName) {
        Map<String, Object> spec = grant.get("spec");
        if (spec == null) {
            return false;
        }
        boolean from = entries(spec.get("from")).stream().anyMatch(f -> "".equals(Objects.toString(f.get("group"), ""))
                && "PersistentVolumeClaim".equals(f.get("kind")) && claimNamespace.equals(f.get("namespace")));
        boolean to = entries(spec.get("to")).stream().anyMatch(t -> BucketSource.GROUP.equals(t.get("group"))
                && BucketSource.KIND.equals(t.get("kind")) && (Objects.toString(t.get("name"), "").isEmpty() || sourceName.equals(t.get("name"))));
        return from && to;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        return items.stream().filter(Map.class::isInstance).map(i -> (Map<String, Object>) i).toList();
    }
}
