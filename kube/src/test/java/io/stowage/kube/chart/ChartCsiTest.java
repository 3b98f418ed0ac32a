package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CSI driver's objects, as `helm template` renders them with csi.enabled. */
class ChartCsiTest {

    private static final RenderedChart CHART = RenderedChart.withValues("csi.yaml");
    private static final String DRIVER = "s3.csi.stowage.io";
    private static final String PLUGIN_DIR = "/var/lib/kubelet/plugins/" + DRIVER;

    @Test
    void csiIsOffByDefault() {
        RenderedChart defaults = RenderedChart.withDefaults();

        assertThat(defaults.all(CSIDriver.class)).isEmpty();
        assertThat(defaults.all(DaemonSet.class)).isEmpty();
        assertThat(defaults.all(Deployment.class)).hasSize(1);
    }

    @Test
    void driverNeedsNoAttachAndNoOwnershipChange() {
        CSIDriver driver = CHART.one(CSIDriver.class);

        assertThat(driver.getMetadata().getName()).isEqualTo(DRIVER);
        assertThat(driver.getSpec().getAttachRequired()).isFalse();
        assertThat(driver.getSpec().getFsGroupPolicy()).isEqualTo("None");
        assertThat(driver.getSpec().getVolumeLifecycleModes()).containsExactly("Persistent");
    }

    @Test
    void controllerRunsTheUpstreamProvisionerBesideTheDriverOnOneSocket() {
        Deployment controller = CHART.all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().endsWith("-csi-controller")).findFirst().orElseThrow();
        PodSpec pod = controller.getSpec().getTemplate().getSpec();

        Container provisioner = container(pod, "csi-provisioner");
        Container driver = container(pod, "csi-controller");
        assertThat(provisioner.getImage()).startsWith("registry.k8s.io/sig-storage/csi-provisioner:");
        assertThat(provisioner.getArgs()).contains("--csi-address=/csi/csi.sock", "--leader-election");
        assertThat(driver.getArgs()).containsSequence("csi", "--mode=controller")
                .contains("--endpoint=unix:///csi/csi.sock", "--driver-name=" + DRIVER);
        assertThat(mountPath(provisioner, "socket-dir")).isEqualTo("/csi");
        assertThat(mountPath(driver, "socket-dir")).isEqualTo("/csi");
        assertThat(driver.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(driver.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getServiceAccountName()).isEqualTo(controller.getMetadata().getName());
    }

    @Test
    void controllerMayManageVolumesAndReadTheProvisionerSecretsOnly() {
        ClusterRole role = CHART.all(ClusterRole.class).stream()
                .filter(r -> r.getMetadata().getName().endsWith("-csi-controller")).findFirst().orElseThrow();

        assertThat(OperatorPermissions.granted(role.getRules()))
                .containsEntry("/persistentvolumes", Set.of("create", "delete", "get", "list", "patch", "watch"))
                .containsEntry("/secrets", Set.of("get"))
                .doesNotContainKey("/pods");
    }

    @Test
    void nodePluginRegistersWithTheKubeletAndLeavesMountingToTheMountDaemon() {
        PodSpec pod = daemonSet("-csi-node").getSpec().getTemplate().getSpec();
        PodSpec daemonPod = daemonSet("-csi-mounter").getSpec().getTemplate().getSpec();

        Container registrar = container(pod, "node-driver-registrar");
        Container node = container(pod, "csi-node");
        Container mounter = container(daemonPod, "csi-mounter");
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("node-driver-registrar", "csi-node");
        assertThat(daemonPod.getContainers()).extracting(Container::getName).containsExactly("csi-mounter");
        assertThat(registrar.getArgs()).contains("--kubelet-registration-path=" + PLUGIN_DIR + "/csi.sock");
        assertThat(node.getArgs()).containsSequence("csi", "--mode=node")
                .contains("--node-id=$(NODE_NAME)", "--mounter-socket=/run/stowage-csi/mounter.sock");
        assertThat(node.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("NODE_NAME");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        });
        assertThat(node.getSecurityContext().getPrivileged()).as("the gRPC plugin mounts nothing").isNull();
        assertThat(mounter.getArgs()).containsSequence("csi", "--mode=mounter")
                .contains("--mounter-socket=/run/stowage-csi/mounter.sock", "--state-dir=" + PLUGIN_DIR + "/mounts");
        assertThat(mounter.getSecurityContext().getPrivileged()).isTrue();
        // the two pods meet on a socket in the same directory of the host
        assertThat(mountPath(node, "mounter-socket")).isEqualTo(mountPath(mounter, "mounter-socket"));
        assertThat(volumes(pod).get("mounter-socket").getHostPath().getPath()).isEqualTo(PLUGIN_DIR + "/mounter");
        assertThat(volumes(daemonPod).get("mounter-socket").getHostPath().getPath()).isEqualTo(PLUGIN_DIR + "/mounter");
    }

    @Test
    void anUpgradeRestartsTheNodePluginButNeverTheMountDaemonThatRunsTheFuseProcesses() {
        DaemonSet node = daemonSet("-csi-node");
        DaemonSet daemon = daemonSet("-csi-mounter");
        PodSpec nodePod = node.getSpec().getTemplate().getSpec();
        PodSpec daemonPod = daemon.getSpec().getTemplate().getSpec();

        assertThat(node.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(daemon.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
        assertThat(volumes(nodePod)).as("the node plugin can run no FUSE process").doesNotContainKeys("fuse-device", "kubelet-dir");
        assertThat(daemon.getSpec().getSelector().getMatchLabels()).isNotEqualTo(node.getSpec().getSelector().getMatchLabels());
        assertThat(daemonPod.getTolerations()).isEqualTo(nodePod.getTolerations()).isNotEmpty();
        assertThat(daemonPod.getNodeSelector()).isEqualTo(nodePod.getNodeSelector());
        assertThat(daemonPod.getPriorityClassName()).isEqualTo("system-node-critical");
    }

    @Test
    void mountsReachTheKubeletThroughBidirectionalPropagationAndFuseFromTheHost() {
        PodSpec daemonPod = daemonSet("-csi-mounter").getSpec().getTemplate().getSpec();
        PodSpec nodePod = daemonSet("-csi-node").getSpec().getTemplate().getSpec();
        Container mounter = container(daemonPod, "csi-mounter");

        VolumeMount kubelet = mounter.getVolumeMounts().stream().filter(m -> m.getName().equals("kubelet-dir"))
                .findFirst().orElseThrow();
        assertThat(kubelet.getMountPath()).isEqualTo("/var/lib/kubelet");
        assertThat(kubelet.getMountPropagation()).isEqualTo("Bidirectional");
        assertThat(mountPath(mounter, "fuse-device")).isEqualTo("/dev/fuse");
        assertThat(volumes(daemonPod).get("fuse-device").getHostPath().getType()).isEqualTo("CharDevice");
        assertThat(volumes(nodePod).get("plugin-dir").getHostPath().getPath()).isEqualTo(PLUGIN_DIR);
        assertThat(volumes(nodePod).get("registration-dir").getHostPath().getPath()).isEqualTo("/var/lib/kubelet/plugins_registry");
    }

    @Test
    void storageClassesNameTheDriverMounterAndSecrets() {
        Map<String, StorageClass> classes = CHART.all(StorageClass.class).stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.getMetadata().getName(), c -> c));

        StorageClass s3fs = classes.get("stowage-s3fs");
        assertThat(s3fs.getProvisioner()).isEqualTo(DRIVER);
        assertThat(s3fs.getReclaimPolicy()).isEqualTo("Delete");
        assertThat(s3fs.getMetadata().getAnnotations()).containsEntry("storageclass.kubernetes.io/is-default-class", "true");
        assertThat(s3fs.getParameters()).containsEntry("mounter", "s3fs")
                .containsEntry("csi.storage.k8s.io/provisioner-secret-name", "stowage-csi")
                .containsEntry("csi.storage.k8s.io/provisioner-secret-namespace", RenderedChart.NAMESPACE)
                .containsEntry("csi.storage.k8s.io/node-stage-secret-name", "stowage-csi")
                .doesNotContainKey("bucket").doesNotContainKey("enforceCapacity");
        StorageClass shared = classes.get("stowage-shared-rclone");
        assertThat(shared.getReclaimPolicy()).isEqualTo("Retain");
        assertThat(shared.getParameters()).containsEntry("mounter", "rclone").containsEntry("bucket", "shared")
                .containsEntry("options", "--vfs-cache-max-size=1G").containsEntry("enforceCapacity", "false")
                .containsEntry("csi.storage.k8s.io/node-stage-secret-namespace", "team-a");
    }

    @Test
    void anEnforceCapacityOtherThanTrueOrFalseIsRefused() {
        assertThatThrownBy(() -> RenderedChart.withValues("csi-enforce-capacity-invalid.yaml"))
                .hasMessageContaining("csi.storageClasses[].enforceCapacity must be true or false, not \"no\"");
    }

    private static DaemonSet daemonSet(String suffix) {
        List<DaemonSet> matching = CHART.all(DaemonSet.class).stream()
                .filter(d -> d.getMetadata().getName().endsWith(suffix)).toList();
        assertThat(matching).as("DaemonSets named *" + suffix).hasSize(1);
        return matching.getFirst();
    }

    private static Map<String, Volume> volumes(PodSpec pod) {
        return pod.getVolumes().stream().collect(java.util.stream.Collectors.toMap(Volume::getName, v -> v));
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String mountPath(Container container, String volume) {
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
                .map(VolumeMount::getMountPath).orElseThrow();
    }
}
