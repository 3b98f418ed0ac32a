package io.stowage.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ObjectStoreSpec;
import io.stowage.kube.model.EffectiveSpec;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.SpecValidator;
import java.net.HttpURLConnection;
import java.util.UUID;
import java.util.function.Consumer;

/** ObjectStores for tests. */
public final class TestStores {

    public static final String IMAGE = "ghcr.io/stowage/stowage:test";

    private TestStores() {
    }

    /** A new ObjectStore with a default spec, not yet on any server. */
    public static ObjectStore named(String name, String namespace) {
        ObjectStore store = new ObjectStore();
        store.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        store.setSpec(new ObjectStoreSpec());
        return store;
    }

    /** As the API server returns it: with a uid and a generation. */
    public static ObjectStore stored(String name, String namespace) {
        ObjectStore store = named(name, namespace);
        store.getMetadata().setUid(UUID.randomUUID().toString());
        store.getMetadata().setGeneration(1L);
        return store;
    }

    /** Changes a stored ObjectStore's spec as a user would, again on a conflict with the operator's status writes. */
    public static void edit(KubernetesClient client, String namespace, String name, Consumer<ObjectStoreSpec> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(ObjectStore.class).inNamespace(namespace).withName(name).edit(s -> {
                    change.accept(s.getSpec());
                    return s;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public static EffectiveSpec effective(ObjectStore store) {
        try {
            return SpecValidator.validate(store, IMAGE);
        } catch (InvalidSpecException e) {
            throw new AssertionError(e);
        }
    }
}
