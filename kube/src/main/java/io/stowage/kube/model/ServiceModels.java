package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.stowage.kube.crd.ObjectStore;
import java.util.ArrayList;
import java.util.List;

/** The two Services of an ObjectStore: the headless one for the pods' own names, and the client one. */
public final class ServiceModels {

    public static final String HEADLESS = "headless";
    public static final String CLIENT = "client";

    private ServiceModels() {
    }

    /**
     * Gives each pod the DNS name NAME-i.NAME-headless.NS.svc, published before the pod is ready so that
     * peers find each other while they start. A cluster's Raft and blob ports are named here only: peers
     * reach each other through these names, clients never.
     */
    public static Service headless(ObjectStore store, EffectiveSpec spec) {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        return new ServiceBuilder()
                .withMetadata(OwnedMetadata.of(store, names.headlessService()))
                .editMetadata().addToLabels(Labels.SERVICE, HEADLESS).endMetadata()
                .withNewSpec()
                    .withClusterIP("None")
                    .withPublishNotReadyAddresses(true)
                    .withSelector(Labels.selector(names))
                    .withPorts(spec.clustered() ? withPeerPorts(ports()) : ports())
                .endSpec()
                .build();
    }

    /** The Service clients use: type and annotations from the spec. */
    public static Service client(ObjectStore store, EffectiveSpec spec) {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        Service service = new ServiceBuilder()
                .withMetadata(OwnedMetadata.of(store, names.clientService()))
                .editMetadata().addToLabels(Labels.SERVICE, CLIENT).endMetadata()
                .withNewSpec()
                    .withType(spec.serviceType().name())
                    .withSelector(Labels.selector(names))
                    .withPorts(ports())
                .endSpec()
                .build();
        if (!spec.serviceAnnotations().isEmpty()) {
            service.getMetadata().setAnnotations(spec.serviceAnnotations());
        }
        return service;
    }

    private static List<ServicePort> ports() {
        return List.of(port(Ports.S3_NAME, Ports.S3), port(Ports.ADMIN_NAME, Ports.ADMIN),
                port(Ports.METRICS_NAME, Ports.METRICS));
    }

    private static List<ServicePort> withPeerPorts(List<ServicePort> ports) {
        List<ServicePort> all = new ArrayList<>(ports);
        all.add(port(Ports.RAFT_NAME, Ports.RAFT));
        all.add(port(Ports.BLOBS_NAME, Ports.BLOBS));
        return all;
    }

    private static ServicePort port(String name, int number) {
        return new ServicePortBuilder().withName(name).withPort(number).withTargetPort(new IntOrString(name))
                .withProtocol("TCP").build();
    }
}
