package io.stowage.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ObjectStoreSpec;
import io.stowage.kube.model.EffectiveSpec;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.SpecValidator;
import java.util.UUID;

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

    public static EffectiveSpec effective(ObjectStore store) {
        try {
            return SpecValidator.validate(store, IMAGE);
        } catch (InvalidSpecException e) {
            throw new AssertionError(e);
        }
    }
}
