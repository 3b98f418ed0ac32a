package io.stowage.kube.secretclaim;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.stowage.backend.S3Endpoint;
import io.stowage.kube.provision.ConnectionData;
import java.util.Map;

/**
 * The ConfigMap named like a claim Secret, in its namespace, with the {@link ConnectionData} of its bucket: owned by the
 * Secret (not as its controller), so the garbage collector deletes it with the Secret. A ConfigMap of that name the
 * Secret does not own is someone else's and is left as it is.
 */
final class ConnectionConfigMaps {

    private final KubernetesClient client;

    ConnectionConfigMaps(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Creates the Secret's ConfigMap, or updates its data when it differs.
     *
     * @return false, with nothing written, when a ConfigMap of that name exists and the Secret does not own it
     */
    boolean write(Secret secret, String bucket, S3Endpoint endpoint) {
        Map<String, String> data = ConnectionData.of(bucket, endpoint);
        Resource<ConfigMap> resource = client.configMaps().inNamespace(secret.getMetadata().getNamespace())
                .withName(secret.getMetadata().getName());
        ConfigMap current = resource.get();
        if (current == null) {
            client.resource(new ConfigMapBuilder().withNewMetadata()
                    .withNamespace(secret.getMetadata().getNamespace())
                    .withName(secret.getMetadata().getName())
                    .withOwnerReferences(ownerReference(secret))
                    .endMetadata()
                    .withData(data)
                    .build()).create();
            return true;
        }
        if (!ownedBy(current, secret)) {
            return false;
        }
        if (!data.equals(current.getData())) {
            current.setData(data);
            client.resource(current).update();
        }
        return true;
    }

    private static OwnerReference ownerReference(Secret secret) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("Secret")
                .withName(secret.getMetadata().getName()).withUid(secret.getMetadata().getUid())
                .withController(false).build();
    }

    private static boolean ownedBy(ConfigMap configMap, Secret secret) {
        return configMap.getMetadata().getOwnerReferences() != null && configMap.getMetadata().getOwnerReferences()
                .stream().anyMatch(r -> secret.getMetadata().getUid().equals(r.getUid()));
    }
}
