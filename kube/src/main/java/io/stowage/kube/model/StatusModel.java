package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ObjectStoreStatus;
import java.time.Instant;
import java.util.Objects;

/** The status of an ObjectStore: from its StatefulSet, or from why it could not be reconciled. */
public final class StatusModel {

    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String RECONCILE_FAILED = "ReconcileFailed";

    private StatusModel() {
    }

    /** After a reconcile that wrote everything: readiness as the StatefulSet reports it. */
    public static ObjectStoreStatus observed(ObjectStore store, EffectiveSpec spec, StatefulSet statefulSet,
            Instant now) {
        StatefulSetStatus sts = Objects.requireNonNullElseGet(statefulSet.getStatus(), StatefulSetStatus::new);
        int ready = Objects.requireNonNullElse(sts.getReadyReplicas(), 0);
        int updated = Objects.requireNonNullElse(sts.getUpdatedReplicas(), 0);
        boolean allReady = ready == spec.replicas();
        boolean rolling = !allReady || updated < spec.replicas() || !observedLatest(statefulSet)
                || !Objects.equals(sts.getCurrentRevision(), sts.getUpdateRevision());
        String readyMessage = ready + "/" + spec.replicas() + " replicas ready";
        ObjectStoreStatus status = base(store);
        status.setReadyReplicas(ready);
        status.setEndpoint(ObjectStoreNames.of(store).endpoint(spec.tls()));
        status.setCaSecretName(spec.tls() ? spec.tlsSecret() : null);
        status.setConditions(conditions(store, now)
                .set(Conditions.READY, allReady, allReady ? "AllReplicasReady" : "ReplicasNotReady", readyMessage)
                .set(Conditions.PROGRESSING, rolling, rolling ? "RollingOut" : "RolloutComplete",
                        rolling ? "the StatefulSet is rolling out: " + readyMessage + ", " + updated + " updated"
                                : "every replica runs the current spec")
                .set(Conditions.DEGRADED, false, "AsExpected", "")
                .list());
        return status;
    }

    /** The spec asks for something the operator cannot do: nothing was changed. */
    public static ObjectStoreStatus invalidSpec(ObjectStore store, String message, Instant now) {
        return failure(store, INVALID_SPEC, message, now);
    }

    /** A transient failure: the reconcile is retried with backoff. */
    public static ObjectStoreStatus reconcileFailed(ObjectStore store, String message, Instant now) {
        return failure(store, RECONCILE_FAILED, message, now);
    }

    private static ObjectStoreStatus failure(ObjectStore store, String reason, String message, Instant now) {
        ObjectStoreStatus status = base(store);
        ObjectStoreStatus previous = store.getStatus();
        if (previous != null) {
            status.setReadyReplicas(previous.getReadyReplicas());
            status.setEndpoint(previous.getEndpoint());
            status.setCaSecretName(previous.getCaSecretName());
        }
        status.setConditions(conditions(store, now)
                .set(Conditions.READY, false, reason, message)
                .set(Conditions.PROGRESSING, false, reason, reason.equals(INVALID_SPEC)
                        ? "nothing changes until the spec is fixed" : "retrying with backoff")
                .set(Conditions.DEGRADED, true, reason, message)
                .list());
        return status;
    }

    private static boolean observedLatest(StatefulSet statefulSet) {
        Long generation = statefulSet.getMetadata().getGeneration();
        Long observed = statefulSet.getStatus() == null ? null : statefulSet.getStatus().getObservedGeneration();
        return generation == null || (observed != null && observed >= generation);
    }

    private static ObjectStoreStatus base(ObjectStore store) {
        ObjectStoreStatus status = new ObjectStoreStatus();
        status.setObservedGeneration(store.getMetadata().getGeneration());
        return status;
    }

    private static Conditions conditions(ObjectStore store, Instant now) {
        return new Conditions(store.getStatus() == null ? null : store.getStatus().getConditions(),
                store.getMetadata().getGeneration(), now);
    }
}
