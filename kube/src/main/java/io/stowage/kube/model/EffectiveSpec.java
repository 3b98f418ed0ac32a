package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.stowage.kube.crd.IssuerRef;
import io.stowage.kube.crd.PullPolicy;
import io.stowage.kube.crd.ServiceType;
import io.stowage.kube.crd.TlsMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An ObjectStore's spec after validation, with every default filled in: what the resource models read,
 * so none of them handles a missing field. Optional fields stay null (domain, storageClassName,
 * pullPolicy, resources, affinity, issuerRef, tlsSecret
 * without TLS).
 */
public record EffectiveSpec(
        int replicas,
        String image,
        PullPolicy pullPolicy,
        String storageClassName,
        Quantity size,
        ResourceRequirements resources,
        ServiceType serviceType,
        Map<String, String> serviceAnnotations,
        String region,
        String domain,
        TlsMode tlsMode,
        IssuerRef issuerRef,
        String tlsSecret,
        String adminTokenSecret,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        Affinity affinity,
        boolean serviceMonitor,
        boolean deletePVCs,
        Duration shutdownGrace) {

    public boolean tls() {
        return tlsMode != TlsMode.DISABLED;
    }

    /** Whether the pods form a Raft group: more than one replica. */
    public boolean clustered() {
        return replicas > 1;
    }

    /** The same spec for another number of pods: what the StatefulSet keeps while members leave the group. */
    public EffectiveSpec withReplicas(int pods) {
        return new EffectiveSpec(pods, image, pullPolicy, storageClassName, size, resources, serviceType,
                serviceAnnotations, region, domain, tlsMode, issuerRef, tlsSecret, adminTokenSecret, nodeSelector,
                tolerations, affinity, serviceMonitor, deletePVCs, shutdownGrace);
    }
}
