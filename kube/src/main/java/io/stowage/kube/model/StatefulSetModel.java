package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.stowage.kube.crd.ObjectStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The StatefulSet of an ObjectStore: pods with stable names (NAME-0, NAME-1, …) and one data volume each.
 * With more than one replica, the pods are the nodes of one Raft group ({@link ServerEnvironment}).
 *
 * <p>Pod management is Parallel: a Raft group needs a majority of its pods up before any is ready, so
 * OrderedReady would wait forever for pod 0 to become ready before starting pod 1. Rolling updates
 * still replace one pod at a time, highest ordinal first, whatever the policy.
 */
public final class StatefulSetModel {

    public static final String CONTAINER = "stowage";
    public static final String DATA_VOLUME = "data";
    public static final String DATA_PATH = "/data";
    public static final int UID = 10001;
    /** The pod gets this long after the server's own shutdown grace before the kubelet kills it. */
    public static final long KILL_MARGIN_SECONDS = 10;

    private static final String TLS_VOLUME = "tls";
    private static final String TMP_VOLUME = "tmp";

    private StatefulSetModel() {
    }

    /**
     * @param tls the certificate Secret to mount, or null without TLS
     */
    public static StatefulSet desired(ObjectStore store, EffectiveSpec spec, TlsMount tls) {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        return new StatefulSetBuilder()
                .withMetadata(OwnedMetadata.of(store, names.statefulSet()))
                .withNewSpec()
                    .withReplicas(spec.replicas())
                    .withServiceName(names.headlessService())
                    .withPodManagementPolicy("Parallel")
                    .withNewSelector().withMatchLabels(Labels.selector(names)).endSelector()
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                    .withNewPersistentVolumeClaimRetentionPolicy()
                        .withWhenDeleted(spec.deletePVCs() ? "Delete" : "Retain")
                        .withWhenScaled("Retain")
                    .endPersistentVolumeClaimRetentionPolicy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Labels.of(names)).endMetadata()
                        .withNewSpec()
                            .withEnableServiceLinks(false)
                            .withAutomountServiceAccountToken(false)
                            .withTerminationGracePeriodSeconds(spec.shutdownGrace().toSeconds() + KILL_MARGIN_SECONDS)
                            .withSecurityContext(podSecurityContext())
                            .withNodeSelector(spec.nodeSelector().isEmpty() ? null : spec.nodeSelector())
                            .withTolerations(spec.tolerations())
                            .withAffinity(spec.affinity() != null ? spec.affinity() : spreadAcrossNodes(names))
                            .withContainers(container(names, spec, tls))
                            .withVolumes(volumes(tls))
                        .endSpec()
                    .endTemplate()
                    .withVolumeClaimTemplates(dataVolumeClaim(names, spec))
                .endSpec()
                .build();
    }

    private static Container container(ObjectStoreNames names, EffectiveSpec spec, TlsMount tls) {
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(spec.image())
                .withImagePullPolicy(spec.pullPolicy() == null ? null : spec.pullPolicy().name())
                .withArgs(ServerArguments.of(spec, tls))
                .withPorts(ports(spec))
                .withEnv(ServerEnvironment.of(names, spec))
                .withResources(spec.resources())
                .withVolumeMounts(volumeMounts(tls))
                .withStartupProbe(probe("/health/live", 5, 60))
                .withLivenessProbe(probe("/health/live", 10, 3))
                .withReadinessProbe(probe("/health/ready", 5, 3))
                .withSecurityContext(containerSecurityContext())
                .build();
    }

    /** The pods of a cluster also speak Raft, and copy blobs on the next port up. */
    private static List<ContainerPort> ports(EffectiveSpec spec) {
        List<ContainerPort> ports = new ArrayList<>(List.of(port(Ports.S3_NAME, Ports.S3),
                port(Ports.ADMIN_NAME, Ports.ADMIN), port(Ports.METRICS_NAME, Ports.METRICS)));
        if (spec.clustered()) {
            ports.add(port(Ports.RAFT_NAME, Ports.RAFT));
            ports.add(port(Ports.BLOBS_NAME, Ports.BLOBS));
        }
        return ports;
    }

    private static ContainerPort port(String name, int number) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol("TCP").build();
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(Ports.METRICS_NAME)).withScheme("HTTP")
                .endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .withTimeoutSeconds(3)
                .build();
    }

    private static PodSecurityContext podSecurityContext() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser((long) UID)
                .withRunAsGroup((long) UID)
                .withFsGroup((long) UID)
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    private static SecurityContext containerSecurityContext() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** Preferred, not required: a one-node cluster must still run every pod. */
    private static Affinity spreadAcrossNodes(ObjectStoreNames names) {
        return new AffinityBuilder()
                .withNewPodAntiAffinity()
                    .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                        .withWeight(100)
                        .withNewPodAffinityTerm()
                            .withTopologyKey("kubernetes.io/hostname")
                            .withNewLabelSelector().withMatchLabels(Labels.selector(names)).endLabelSelector()
                        .endPodAffinityTerm()
                    .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build();
    }

    /** /tmp is writable for the JVM and Netty's native library, the root file system is not. */
    private static List<VolumeMount> volumeMounts(TlsMount tls) {
        List<VolumeMount> mounts = new ArrayList<>(List.of(
                new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(DATA_PATH).build(),
                new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build()));
        if (tls != null) {
            mounts.add(new VolumeMountBuilder().withName(TLS_VOLUME).withMountPath(TlsMount.PATH).withReadOnly(true)
                    .build());
        }
        return mounts;
    }

    private static List<Volume> volumes(TlsMount tls) {
        List<Volume> volumes = new ArrayList<>(List.of(
                new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build()));
        if (tls != null) {
            volumes.add(new VolumeBuilder().withName(TLS_VOLUME)
                    .withNewSecret().withSecretName(tls.secretName()).withDefaultMode(0440).endSecret()
                    .build());
        }
        return volumes;
    }

    private static PersistentVolumeClaim dataVolumeClaim(ObjectStoreNames names, EffectiveSpec spec) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(DATA_VOLUME).withLabels(Labels.of(names)).endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(spec.storageClassName())
                    .withNewResources().addToRequests("storage", spec.size()).endResources()
                .endSpec()
                .build();
    }
}
