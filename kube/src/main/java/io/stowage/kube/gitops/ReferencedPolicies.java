package io.stowage.kube.gitops;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.provision.ClaimRefusedException;
import java.util.Optional;

/**
 * Reads the policy an S3Bucket's policyRef names, from a ConfigMap of its namespace, at every reconcile. The ConfigMap is
 * not watched: a change of it is applied at the next resync.
 */
final class ReferencedPolicies {

    private final KubernetesClient client;

    ReferencedPolicies(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The referenced policy's text, or empty when the bucket has no policyRef.
     *
     * @throws MissingReferenceException when the ConfigMap or its key is not there
     */
    Optional<String> read(S3Bucket bucket) throws ClaimRefusedException, MissingReferenceException {
        PolicyRefSpec ref = bucket.getSpec().getPolicyRef();
        if (ref == null) {
            return Optional.empty();
        }
        if (ref.getConfigMapName() == null || ref.getConfigMapName().isBlank() || ref.getKey() == null || ref.getKey().isBlank()) {
            throw DesiredBucket.invalid("policyRef needs configMapName and key");
        }
        String namespace = bucket.getMetadata().getNamespace();
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(ref.getConfigMapName()).get();
        if (map == null) {
            throw new MissingReferenceException("policyRef: ConfigMap " + namespace + "/" + ref.getConfigMapName()
                    + " does not exist");
        }
        String policy = map.getData() == null ? null : map.getData().get(ref.getKey());
        if (policy == null) {
            throw new MissingReferenceException("policyRef: ConfigMap " + namespace + "/" + ref.getConfigMapName()
                    + " has no key " + ref.getKey());
        }
        return Optional.of(policy);
    }
}
