package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.stowage.kube.crd.ObjectStore;

/**
 * At most one pod evicted at a time (node drains): a Raft group of three keeps its majority, and with one
 * replica a drain can still proceed.
 */
public final class PodDisruptionBudgetModel {

    private PodDisruptionBudgetModel() {
    }

    public static PodDisruptionBudget desired(ObjectStore store) {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        return new PodDisruptionBudgetBuilder()
                .withMetadata(OwnedMetadata.of(store, names.podDisruptionBudget()))
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(1))
                    .withNewSelector().withMatchLabels(Labels.selector(names)).endSelector()
                .endSpec()
                .build();
    }
}
