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
        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), NOW);

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
        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), statefulSet(1, false), NOW);

        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("RollingOut");
    }

    @Test
    void notReadyBeforeTheStatefulSetReportsAnything() {
        StatefulSet sts = StatefulSetModel.desired(store, TestStores.effective(store), null);

        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), sts, NOW);

        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("0/1 replicas ready");
        assertThat(status.getReadyReplicas()).isZero();
    }

    @Test
    void withoutTlsTheEndpointIsHttpAndThereIsNoCa() {
        store.getSpec().getTls().setMode(TlsMode.DISABLED);

        ObjectStoreStatus status = StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), NOW);

        assertThat(status.getEndpoint()).isEqualTo("http://s3.apps.svc:9000");
        assertThat(status.getCaSecretName()).isNull();
    }

    @Test
    void anInvalidSpecKeepsTheEndpointAndSaysWhy() {
        store.setStatus(StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), NOW));

        ObjectStoreStatus status = StatusModel.invalidSpec(store, "spec.replicas: 3 is not supported yet", NOW);

        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("InvalidSpec");
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("spec.replicas: 3 is not supported yet");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
        assertThat(status.getEndpoint()).isEqualTo("https://s3.apps.svc:9000");
    }

    @Test
    void aTransientFailureIsReconcileFailed() {
        ObjectStoreStatus status = StatusModel.reconcileFailed(store, "connection refused", NOW);

        assertThat(condition(status, "Ready").getReason()).isEqualTo("ReconcileFailed");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("ReconcileFailed");
    }

    @Test
    void theTransitionTimeMovesOnlyWhenTheStatusFlips() {
        store.setStatus(StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), NOW));
        Instant later = NOW.plus(Duration.ofMinutes(5));

        ObjectStoreStatus same = StatusModel.observed(store, TestStores.effective(store), statefulSet(1, true), later);
        ObjectStoreStatus flipped = StatusModel.observed(store, TestStores.effective(store), statefulSet(0, true), later);

        assertThat(same).isEqualTo(store.getStatus());
        assertThat(condition(flipped, "Ready").getLastTransitionTime()).isEqualTo("2026-03-01T10:05:00Z");
    }
}
