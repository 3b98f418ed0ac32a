package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.stowage.kube.crd.ObjectStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus Operator ServiceMonitor that scrapes /metrics on every pod. It selects the headless
 * Service, whose endpoints list every pod, ready or not.
 */
public final class ServiceMonitorModel {

    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("monitoring.coreos.com").withVersion("v1").withKind("ServiceMonitor")
            .withPlural("servicemonitors").withNamespaced(true).build();

    private ServiceMonitorModel() {
    }

    public static GenericKubernetesResource desired(ObjectStore store) {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        Map<String, String> selector = new TreeMap<>(Labels.selector(names));
        selector.put(Labels.SERVICE, ServiceModels.HEADLESS);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(CONTEXT.getGroup() + "/" + CONTEXT.getVersion())
                .withKind(CONTEXT.getKind())
                .withMetadata(OwnedMetadata.of(store, names.serviceMonitor()))
                .withAdditionalProperties(Map.of("spec", Map.of(
                        "selector", Map.of("matchLabels", selector),
                        "endpoints", List.of(Map.of("port", Ports.METRICS_NAME, "path", "/metrics", "scheme", "http")))))
                .build();
    }
}
