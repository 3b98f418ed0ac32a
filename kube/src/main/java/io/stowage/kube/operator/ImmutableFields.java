package io.stowage.kube.operator;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What an update must carry over from the existing object, because the API server refuses changes to it. */
final class ImmutableFields {

    private ImmutableFields() {
    }

    /**
     * The volume claim templates never change after creation (StorageChange refuses a spec that would),
     * and the stored ones carry the server's defaults.
     */
    static StatefulSet statefulSet(StatefulSet existing, StatefulSet desired) {
        desired.getSpec().setVolumeClaimTemplates(existing.getSpec().getVolumeClaimTemplates());
        return desired;
    }

    /** The cluster IPs and, while the type stays, the node ports that the server allocated. */
    static Service service(Service existing, Service desired) {
        desired.getSpec().setClusterIP(existing.getSpec().getClusterIP());
        desired.getSpec().setClusterIPs(existing.getSpec().getClusterIPs());
        if (desired.getSpec().getType().equals(existing.getSpec().getType())) {
            desired.getSpec().setHealthCheckNodePort(existing.getSpec().getHealthCheckNodePort());
            Map<String, ServicePort> ports = existing.getSpec().getPorts().stream()
                    .collect(Collectors.toMap(ServicePort::getName, Function.identity()));
            for (ServicePort port : desired.getSpec().getPorts()) {
                ServicePort allocated = ports.get(port.getName());
                if (allocated != null) {
                    port.setNodePort(allocated.getNodePort());
                }
            }
        }
        return desired;
    }
}
