package io.stowage.kube.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.ObjectStore;
import org.junit.jupiter.api.Test;

class TopologyChangeTest {

    private final ObjectStore store = TestStores.stored("s3", "apps");

    private StatefulSet existing(int replicas) {
        store.getSpec().setReplicas(replicas);
        return StatefulSetModel.desired(store, TestStores.effective(store), null);
    }

    private EffectiveSpec asking(int replicas) {
        store.getSpec().setReplicas(replicas);
        return TestStores.effective(store);
    }

    @Test
    void anyCountPassesBeforeTheStatefulSetExists() {
        assertThatCode(() -> TopologyChange.check(null, asking(1))).doesNotThrowAnyException();
        assertThatCode(() -> TopologyChange.check(null, asking(3))).doesNotThrowAnyException();
    }

    @Test
    void aClusterScalesBetweenCountsAboveOne() {
        StatefulSet three = existing(3);

        assertThatCode(() -> TopologyChange.check(three, asking(5))).doesNotThrowAnyException();
        assertThatCode(() -> TopologyChange.check(three, asking(2))).doesNotThrowAnyException();
    }

    @Test
    void aSingleServerDoesNotBecomeACluster() {
        StatefulSet one = existing(1);

        assertThatThrownBy(() -> TopologyChange.check(one, asking(3)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("spec.replicas: a single server cannot become a cluster in place");
    }

    @Test
    void aClusterDoesNotBecomeASingleServer() {
        StatefulSet three = existing(3);

        assertThatThrownBy(() -> TopologyChange.check(three, asking(1)))
                .hasMessageStartingWith("spec.replicas: a cluster cannot become a single server in place");
    }

    @Test
    void theNodeIdAndBarePeersOfEarlierOperatorsDoNotMakeACluster() {
        StatefulSet earlier = existing(1);
        var env = earlier.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
        env.add(new EnvVar("STOWAGE_NODE_ID", null, null));
        env.add(new EnvVar("STOWAGE_PEERS", "s3-0.s3-headless.apps.svc", null));

        assertThatCode(() -> TopologyChange.check(earlier, asking(1))).doesNotThrowAnyException();
    }
}
