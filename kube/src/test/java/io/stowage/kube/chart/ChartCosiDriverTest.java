package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `stowage cosi-driver` beside the upstream COSI sidecar, as `helm template` renders it with provisioning.cosi.upstreamSidecar. */
class ChartCosiDriverTest {

    private static final RenderedChart CHART = RenderedChart.withValues("cosi-upstream-sidecar.yaml");
    private static final String NAME = RenderedChart.RELEASE + "-cosi-driver";
    private static final String SOCKET = "unix:///var/lib/cosi/cosi.sock";

    @Test
    void theUpstreamSidecarIsOffByDefault() {
        assertThat(RenderedChart.withDefaults().all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .doesNotContain(NAME);
    }

    @Test
    void theDriverAndTheUpstreamSidecarShareOneSocket() {
        PodSpec pod = deployment(NAME).getSpec().getTemplate().getSpec();

        Container sidecar = container(pod, "objectstorage-sidecar");
        Container driver = container(pod, "cosi-driver");
        assertThat(sidecar.getImage()).isEqualTo("registry.k8s.io/sig-storage/objectstorage-sidecar:v0.2.2");
        assertThat(sidecar.getArgs()).containsExactly("--driver-addr=" + SOCKET);
        assertThat(driver.getArgs()).startsWith("cosi-driver").contains("--endpoint=" + SOCKET,
                "--driver-name=cosi.stowage.io", "--kubernetes", "--backend-namespace=" + RenderedChart.NAMESPACE,
                "--backend-dir=/etc/stowage/backend");
        assertThat(mountPath(sidecar, "socket-dir")).isEqualTo("/var/lib/cosi");
        assertThat(mountPath(driver, "socket-dir")).isEqualTo("/var/lib/cosi");
        assertThat(mountPath(driver, "tmp")).as("the gRPC transport unpacks its native library in /tmp").isEqualTo("/tmp");
        assertThat(mountPath(driver, "backend")).isEqualTo("/etc/stowage/backend");
        assertThat(volume(pod, "backend").getSecret().getSecretName()).isEqualTo("stowage-backend");
        assertThat(driver.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getServiceAccountName()).isEqualTo(NAME);
    }

    @Test
    void theOperatorLeavesCosiToTheSidecar() {
        Container operator = deployment(RenderedChart.RELEASE + "-operator").getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(operator.getArgs()).filteredOn(arg -> arg.startsWith("--provisioners=")).singleElement()
                .satisfies(arg -> assertThat(arg).doesNotContain("cosi"));
    }

    @Test
    void bothSidecarsAtOnceAreRefused() {
        assertThatThrownBy(() -> RenderedChart.withValues("cosi-both-sidecars.yaml"))
                .hasMessageContaining("needs provisioning.cosi.enabled=false");
    }

    @Test
    void theSidecarMayWriteCredentialsSecretsAndTheCosiObjectsItReconciles() {
        ClusterRole role = CHART.all(ClusterRole.class).stream().filter(r -> r.getMetadata().getName().equals(NAME))
                .findFirst().orElseThrow();
        ClusterRoleBinding binding = CHART.all(ClusterRoleBinding.class).stream()
                .filter(b -> b.getMetadata().getName().equals(NAME)).findFirst().orElseThrow();

        assertThat(allows(role.getRules(), "objectstorage.k8s.io", "bucketaccesses/status", "update")).isTrue();
        assertThat(allows(role.getRules(), "objectstorage.k8s.io", "buckets", "watch")).isTrue();
        assertThat(allows(role.getRules(), "", "secrets", "create")).isTrue();
        assertThat(allows(role.getRules(), "", "secrets", "get")).as("the driver reads backend Secrets").isTrue();
        assertThat(allows(role.getRules(), "objectstorage.k8s.io", "bucketclasses", "get"))
                .as("BucketClasses are the upstream controller's").isFalse();
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo(NAME);
            assertThat(subject.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        });
    }

    private static boolean allows(List<PolicyRule> rules, String group, String resource, String verb) {
        return rules.stream().anyMatch(rule -> rule.getApiGroups().contains(group) && rule.getResources().contains(resource)
                && rule.getVerbs().contains(verb));
    }

    private static Deployment deployment(String name) {
        return CHART.all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String mountPath(Container container, String volume) {
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).map(VolumeMount::getMountPath)
                .findFirst().orElseThrow();
    }
}
