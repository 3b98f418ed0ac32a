package io.stowage.kube.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ObjectStoreStatus;
import io.stowage.kube.crd.TlsMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusModelTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final ObjectStore store = TestStores.stored("s3", "apps");

    private StatefulSet statefulSet(int ready, boolean rolledOut) {
        StatefulSet sts = StatefulSetModel.desired(store, TestStores.effective(store), null);
        sts.getMetadata().setGeneration(2L);
        sts.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(ready)
                .withUpdatedReplicas(rolledOut ? 1 : 0).withObservedGeneration(2L)
                .withCurrentRevision("s3-1").withUpdateRevision(rolledOut ? "s3-1" : "s3-2").build());
        return sts;
    }

    private static Condition condition(ObjectStoreStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void readyWhenEveryReplicaIsReadyAndRolledOut() {
        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), null, NOW);

        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(status.getEndpoint()).isEqualTo("https://s3.apps.svc:9000");
        assertThat(status.getCaSecretName()).isEqualTo("s3-tls");
        assertThat(condition(status, "Ready").getObservedGeneration()).isEqualTo(1L);
        assertThat(condition(status, "Ready").getLastTransitionTime()).isEqualTo("2026-03-01T10:00:00Z");
    }

    @Test
    void progressingWhileTheStatefulSetRollsOut() {
        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), statefulSet(1, false), null, NOW);

        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("RollingOut");
    }

    @Test
    void notReadyBeforeTheStatefulSetReportsAnything() {
        StatefulSet sts = StatefulSetModel.desired(store, TestStores.effective(store), null);

        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), sts, null, NOW);

        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("0/1 replicas ready");
        assertThat(status.getReadyReplicas()).isZero();
    }

    @Test
    void withoutTlsTheEndpointIsHttpAndThereIsNoCa() {
        store.getSpec().getTls().setMode(TlsMode.DISABLED);

        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), null, NOW);

        assertThat(status.getEndpoint()).isEqualTo("http://s3.apps.svc:9000");
        assertThat(status.getCaSecretName()).isNull();
    }

    @Test
    void anInvalidSpecKeepsTheEndpointAndSaysWhy() {
        store.setStatus(StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), null, NOW));

        ObjectStoreStatus status = StatusModel.invalidSpec(store, "spec.replicas: at most 9, not 10", NOW);

        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("InvalidSpec");
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("spec.replicas: at most 9, not 10");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
        assertThat(status.getEndpoint()).isEqualTo("https://s3.apps.svc:9000");
    }

    @Test
    void aTransientFailureIsReconcileFailed() {
        ObjectStoreStatus status = StatusModel.reconcileFailed(store, "connection refused", NOW);

        assertThat(condition(status, "Ready").getReason()).isEqualTo("ReconcileFailed");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("ReconcileFailed");
    }

    private StatefulSet cluster(int replicas) {
        store.getSpec().setReplicas(replicas);
        StatefulSet sts = StatefulSetModel.desired(store, TestStores.effective(store), null);
        sts.getMetadata().setGeneration(2L);
        sts.setStatus(new StatefulSetStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                .withUpdatedReplicas(replicas).withObservedGeneration(2L)
                .withCurrentRevision("s3-1").withUpdateRevision("s3-1").build());
        return sts;
    }

    @Test
    void aSingleServerHasNoMembers() {
        assertThat(StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), null, NOW).getMembers())
                .isNull();
    }

    @Test
    void aClusterInSyncListsItsMembers() {
        StatefulSet sts = cluster(3);

        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), sts,
                Membership.inSync(List.of("s3-0", "s3-1", "s3-2")), NOW);

        assertThat(status.getMembers()).containsExactly("s3-0", "s3-1", "s3-2");
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("3/3 replicas ready");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("RolloutComplete");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("AsExpected");
    }

    @Test
    void changingMembersIsProgressWithWhatIsAwaited() {
        StatefulSet sts = cluster(5);

        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), sts,
                Membership.changing(List.of("s3-0", "s3-1", "s3-2"), "s3-3 joins the Raft group once it is ready"), NOW);

        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("Scaling");
        assertThat(condition(status, "Progressing").getMessage()).isEqualTo("s3-3 joins the Raft group once it is ready");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(status.getMembers()).containsExactly("s3-0", "s3-1", "s3-2");
    }

    @Test
    void aFailedChangeIsDegradedAndKeepsTheMembersLastReported() {
        StatefulSet sts = cluster(3);
        store.setStatus(StatusModel.observed(store, TestStores.effective(store), sts,
                Membership.inSync(List.of("s3-0", "s3-1", "s3-2")), NOW));

        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), sts,
                Membership.failed(null, "no leader of the Raft group answered: connection refused"), NOW);

        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("MembershipFailed");
        assertThat(condition(status, "Degraded").getMessage()).contains("connection refused");
        assertThat(status.getMembers()).containsExactly("s3-0", "s3-1", "s3-2");
        assertThat(StatusModel.reconcileFailed(store, "conflict", NOW).getMembers()).containsExactly("s3-0", "s3-1", "s3-2");
    }

    @Test
    void aClusterWithoutTlsSaysItsPeersSpeakPlainTcp() {
        store.getSpec().getTls().setMode(TlsMode.DISABLED);
        StatefulSet sts = cluster(3);

        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), sts,
                Membership.inSync(List.of("s3-0", "s3-1", "s3-2")), NOW);

        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("PlaintextPeers");
        assertThat(condition(status, "Degraded").getMessage()).contains("plain TCP");
    }

    @Test
    void theTransitionTimeMovesOnlyWhenTheStatusFlips() {
        store.setStatus(StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), null, NOW));
        Instant later = NOW.plus(Duration.ofMinutes(5));

        ObjectStoreStatus same = StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), null, later);
        ObjectStoreStatus flipped = StatusModel.observed(store, TestStores.effective(store), statefulSet(0, true), null, later);

        assertThat(same).isEqualTo(store.getStatus());
        assertThat(condition(flipped, "Ready").getLastTransitionTime()).isEqualTo("2026-03-01T10:05:00Z");
    }
}
