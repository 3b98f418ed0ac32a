package io.stowage.kube.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ServiceType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceModelsTest {

    private final ObjectStore store = TestStores.stored("s3", "apps");

    @Test
    void theHeadlessServicePublishesPodsBeforeTheyAreReady() {
        Service service = ServiceModels.headless(store, TestStores.effective(store));

        assertThat(service.getMetadata().getName()).isEqualTo("s3-headless");
        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
                .containsExactly("s3:9000", "admin:9001", "metrics:9002");
        assertThat(service.getSpec().getSelector()).isEqualTo(Labels.selector(new ObjectStoreNames("s3", "apps")));
        assertThat(service.getMetadata().getOwnerReferences()).hasSize(1);
    }

    @Test
    void aClustersHeadlessServiceAlsoNamesThePeerPortsButTheClientServiceDoesNot() {
        store.getSpec().setReplicas(3);

        Service headless = ServiceModels.headless(store, TestStores.effective(store));
        Service client = ServiceModels.client(store, TestStores.effective(store));

        assertThat(headless.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort() + ":" + p.getTargetPort().getStrVal())
                .containsExactly("s3:9000:s3", "admin:9001:admin", "metrics:9002:metrics", "raft:9100:raft",
                        "raft-blobs:9101:raft-blobs");
        // peers resolve each other before they are ready: a Raft group needs a majority up to become ready
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(client.getSpec().getPorts()).extracting("name").containsExactly("s3", "admin", "metrics");
    }

    @Test
    void theClientServiceTakesTypeAndAnnotationsFromTheSpec() {
        store.getSpec().getService().setType(ServiceType.LoadBalancer);
        store.getSpec().getService().setAnnotations(Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"));

        Service service = ServiceModels.client(store, TestStores.effective(store));

        assertThat(service.getMetadata().getName()).isEqualTo("s3");
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getTargetPort().getStrVal())
                .containsExactly("s3", "admin", "metrics");
        assertThat(service.getSpec().getClusterIP()).isNull();
    }

    @Test
    void theServicesAreToldApartByALabel() {
        assertThat(ServiceModels.headless(store, TestStores.effective(store)).getMetadata().getLabels()).containsEntry(Labels.SERVICE, "headless");
        assertThat(ServiceModels.client(store, TestStores.effective(store)).getMetadata().getLabels())
                .containsEntry(Labels.SERVICE, "client");
    }
}
