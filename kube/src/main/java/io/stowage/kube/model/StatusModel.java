package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ObjectStoreStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The status of an ObjectStore: from its StatefulSet and, for a cluster, its Raft group; or from why it
 * could not be reconciled.
 */
public final class StatusModel {

    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String RECONCILE_FAILED = "ReconcileFailed";
    public static final String SCALING = "Scaling";
    public static final String MEMBERSHIP_FAILED = "MembershipFailed";
    public static final String PLAINTEXT_PEERS = "PlaintextPeers";

    private StatusModel() {
    }

    /**
     * After a reconcile that wrote everything: readiness as the StatefulSet reports it, and what changes
     * in the cluster's members.
     *
     * @param membership what the reconcile found of the Raft group; null for a single server
     */
    public static ObjectStoreStatus observed(ObjectStore store, EffectiveSpec spec, StatefulSet statefulSet,
            Membership membership, Instant now) {
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
        status.setMembers(members(store, membership));
        Conditions conditions = conditions(store, now)
                .set(Conditions.READY, allReady, allReady ? "AllReplicasReady" : "ReplicasNotReady", readyMessage);
        if (membership != null && membership.phase() == Membership.Phase.CHANGING) {
            conditions.set(Conditions.PROGRESSING, true, SCALING, membership.message());
        } else {
            conditions.set(Conditions.PROGRESSING, rolling, rolling ? "RollingOut" : "RolloutComplete",
                    rolling ? "the StatefulSet is rolling out: " + readyMessage + ", " + updated + " updated"
                            : "every replica runs the current spec");
        }
        if (membership != null && membership.phase() == Membership.Phase.FAILED) {
            conditions.set(Conditions.DEGRADED, true, MEMBERSHIP_FAILED, membership.message());
        } else if (spec.clustered() && !spec.tls()) {
            conditions.set(Conditions.DEGRADED, false, PLAINTEXT_PEERS,
                    "the servers speak plain TCP to each other (tls.mode disabled): only for a network nobody else reaches");
        } else {
            conditions.set(Conditions.DEGRADED, false, "AsExpected", "");
        }
        status.setConditions(conditions.list());
        return status;
    }

    /** The members just reported; the last known ones while no leader answers; none for a single server. */
    private static List<String> members(ObjectStore store, Membership membership) {
        if (membership == null) {
            return null;
        }
        if (membership.members() != null) {
            return membership.members();
        }
        return store.getStatus() == null ? null : store.getStatus().getMembers();
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
            status.setMembers(previous.getMembers());
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
