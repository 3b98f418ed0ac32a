package io.stowage.kube.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ServiceType;
import io.stowage.kube.model.ServiceModels;
import io.stowage.kube.model.StatefulSetModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImmutableFieldsTest {

    private final ObjectStore store = TestStores.stored("s3", "apps");

    @Test
    void anUpdateKeepsTheAllocatedClusterIpAndNodePorts() {
        store.getSpec().getService().setType(ServiceType.NodePort);
        Service existing = ServiceModels.client(store, TestStores.effective(store));
        existing.getSpec().setClusterIP("10.0.0.7");
        existing.getSpec().setClusterIPs(List.of("10.0.0.7"));
        existing.getSpec().getPorts().forEach(p -> p.setNodePort(30000 + p.getPort() - 9000));

        Service update = ImmutableFields.service(existing, ServiceModels.client(store, TestStores.effective(store)));

        assertThat(update.getSpec().getClusterIP()).isEqualTo("10.0.0.7");
        assertThat(update.getSpec().getPorts()).extracting("nodePort").containsExactly(30000, 30001, 30002);
    }

    @Test
    void nodePortsAreDroppedWhenTheTypeChanges() {
        store.getSpec().getService().setType(ServiceType.NodePort);
        Service existing = ServiceModels.client(store, TestStores.effective(store));
        existing.getSpec().getPorts().forEach(p -> p.setNodePort(31000));
        store.getSpec().getService().setType(ServiceType.ClusterIP);

        Service update = ImmutableFields.service(existing, ServiceModels.client(store, TestStores.effective(store)));

        assertThat(update.getSpec().getPorts()).extracting("nodePort").containsOnlyNulls();
    }

    @Test
    void anUpdateKeepsTheStoredVolumeClaimTemplates() {
        StatefulSet existing = StatefulSetModel.desired(store, TestStores.effective(store), null);
        existing.getSpec().getVolumeClaimTemplates().getFirst().getSpec().setVolumeMode("Filesystem");
        store.getSpec().setImage("other:1");

        StatefulSet update = ImmutableFields.statefulSet(existing,
                StatefulSetModel.desired(store, TestStores.effective(store), null));

        assertThat(update.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getVolumeMode()).isEqualTo("Filesystem");
        assertThat(update.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getResources().getRequests())
                .containsEntry("storage", new Quantity("10Gi"));
        assertThat(update.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("other:1");
    }
}
