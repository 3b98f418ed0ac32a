package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.stowage.kube.crd.ObjectStore;

/** Metadata of an owned object: its name, the namespace, our labels and the controller owner reference. */
public final class OwnedMetadata {

    private OwnedMetadata() {
    }

    public static ObjectMeta of(ObjectStore store, String name) {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(names.namespace())
                .withLabels(Labels.of(names))
                .withOwnerReferences(ownerReference(store))
                .build();
    }

    /** Deleting the ObjectStore deletes what carries this (Kubernetes' garbage collector does it). */
    public static OwnerReference ownerReference(ObjectStore store) {
        return new OwnerReferenceBuilder()
                .withApiVersion(HasMetadata.getApiVersion(ObjectStore.class))
                .withKind(HasMetadata.getKind(ObjectStore.class))
                .withName(store.getMetadata().getName())
                .withUid(store.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
