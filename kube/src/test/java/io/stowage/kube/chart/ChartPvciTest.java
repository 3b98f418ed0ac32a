package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chart with the PVCi-compatible API on (pvci.yaml): its flags, token, Service and the rights it adds. */
class ChartPvciTest {

    private static final RenderedChart CHART = RenderedChart.withValues("pvci.yaml");

    @Test
    void theOperatorServesTheApiWithTheTokenFromAMountedSecret() {
        var pod = CHART.one(Deployment.class).getSpec().getTemplate().getSpec();
        Container operator = pod.getContainers().getFirst();
        assertThat(operator.getArgs()).contains("--pvci-address=0.0.0.0:8070", "--pvci-token-file=/etc/stowage/pvci/token",
                "--pvci-volume-overage-pct=25");
        assertThat(operator.getEnv()).isNullOrEmpty();
        assertThat(operator.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/stowage/pvci");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("pvci-token"));
        Service service = CHART.all(Service.class).stream().filter(s -> s.getMetadata().getName().endsWith("-pvci"))
                .findFirst().orElseThrow();
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(8070);
    }

    @Test
    void watchedNamespacesAddClaimAndBucketSourceCreationAndEventListing() {
        Map<String, Set<String>> granted = OperatorPermissions.granted(CHART.all(Role.class).stream()
                .filter(r -> ChartRbac.WATCHED.equals(r.getMetadata().getNamespace())).findFirst().orElseThrow().getRules());
        assertThat(granted).containsAllEntriesOf(OperatorPermissions.PVCI_IN_WATCHED_NAMESPACES);
    }

    @Test
    void withoutTheApiNoneOfItIsRendered() {
        RenderedChart populator = RenderedChart.withValues("populator.yaml");
        assertThat(populator.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .noneMatch(a -> a.startsWith("--pvci"));
        assertThat(populator.all(Service.class)).noneMatch(s -> s.getMetadata().getName().endsWith("-pvci"));
        Map<String, Set<String>> granted = OperatorPermissions.granted(populator.all(Role.class).stream()
                .filter(r -> ChartRbac.WATCHED.equals(r.getMetadata().getNamespace())).findFirst().orElseThrow().getRules());
        assertThat(granted.get("/persistentvolumeclaims")).doesNotContain("create");
        assertThat(granted.get("stowage.io/bucketsources")).containsExactly("get");
    }

    @Test
    void theApiWithoutItsTokenSecretIsRefused() {
        assertThatThrownBy(() -> RenderedChart.withValues("pvci-without-token.yaml"))
                .hasMessageContaining("needs provisioning.populator.pvciApi.tokenSecret");
    }
}
