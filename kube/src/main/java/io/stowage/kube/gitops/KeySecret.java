package io.stowage.kube.gitops;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.backend.AccessKey;
import io.stowage.backend.S3Endpoint;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.provision.BackendResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret that holds an S3User's key: {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, with the endpoint and
 * region when the operator writes it. During a rotation it also holds the next key under {@code NEXT_}, written before the
 * backend sees that key, so that an operator that crashes mid-rotation finishes it with the same key.
 */
final class KeySecret {

    static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    static final String ENDPOINT = "AWS_ENDPOINT_URL";
    static final String REGION = "AWS_REGION";
    static final String NEXT = "NEXT_";

    private final KubernetesClient client;
    private final S3User user;
    private final String name;

    KeySecret(KubernetesClient client, S3User user, String name) {
        this.client = client;
        this.user = user;
        this.name = name;
    }

    private String namespace() {
        return user.getMetadata().getNamespace();
    }

    /** The Secret's values, or empty when there is no Secret. */
    Optional<Map<String, String>> read() {
        Secret secret = client.secrets().inNamespace(namespace()).withName(name).get();
        return Optional.ofNullable(secret).map(BackendResolver::data);
    }

    static Optional<AccessKey> key(Map<String, String> data, String prefix) {
        String id = data.get(prefix + ACCESS_KEY_ID);
        String secret = data.get(prefix + SECRET_ACCESS_KEY);
        return id == null || id.isBlank() || secret == null || secret.isBlank()
                ? Optional.empty() : Optional.of(new AccessKey(id.strip(), secret.strip()));
    }

    /** Takes the S3User's owner reference off the Secret, so that the garbage collector leaves it when the S3User goes. */
    void disown() {
        Secret existing = client.secrets().inNamespace(namespace()).withName(name).get();
        if (existing == null || existing.getMetadata().getOwnerReferences().stream()
                .noneMatch(o -> user.getMetadata().getUid().equals(o.getUid()))) {
            return;
        }
        client.secrets().inNamespace(namespace()).withName(name).edit(s -> {
            s.getMetadata().setOwnerReferences(s.getMetadata().getOwnerReferences().stream()
                    .filter(o -> !user.getMetadata().getUid().equals(o.getUid())).toList());
            return s;
        });
    }

    void delete() {
        client.secrets().inNamespace(namespace()).withName(name).delete();
    }

    /**
     * Writes the Secret (creating it, owned by the S3User, when absent) with this key, and the next key when given.
     */
    void write(AccessKey current, Optional<AccessKey> next, S3Endpoint endpoint) {
        Map<String, String> data = new HashMap<>();
        data.put(ACCESS_KEY_ID, SecretData.encode(current.id()));
        data.put(SECRET_ACCESS_KEY, SecretData.encode(current.secret()));
        data.put(ENDPOINT, SecretData.encode(endpoint.urlWithPort()));
        data.put(REGION, SecretData.encode(endpoint.region()));
        next.ifPresent(key -> {
            data.put(NEXT + ACCESS_KEY_ID, SecretData.encode(key.id()));
            data.put(NEXT + SECRET_ACCESS_KEY, SecretData.encode(key.secret()));
        });
        Secret existing = client.secrets().inNamespace(namespace()).withName(name).get();
        if (existing == null) {
            client.secrets().inNamespace(namespace()).resource(new SecretBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace())
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(user.getApiVersion()).withKind(user.getKind())
                            .withName(user.getMetadata().getName()).withUid(user.getMetadata().getUid()).build())
                    .endMetadata().withType("Opaque").withData(data).build()).create();
        } else {
            existing.setData(data);
            existing.setStringData(null);
            // update with the read resourceVersion: a concurrent writer makes this fail and the reconcile retry
            client.secrets().inNamespace(namespace()).resource(existing).update();
        }
    }
}
