package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chart with the volume populator on (populator.yaml): its switch and exactly the rights it uses. */
class ChartPopulatorTest {

    private static final RenderedChart CHART = RenderedChart.withValues("populator.yaml");

    @Test
    void theOperatorRunsThePopulator() {
        assertThat(CHART.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .contains("--provisioners=populator", "--populator-image-pull-secrets=registry-creds,mirror-creds");
    }

    @Test
    void theTemporariesRightsHoldOnlyInTheReleaseNamespace() {
        Role role = CHART.all(Role.class).stream().filter(r -> r.getMetadata().getName().endsWith("-populator"))
                .findFirst().orElseThrow();
        assertThat(role.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(OperatorPermissions.granted(role.getRules())).isEqualTo(OperatorPermissions.POPULATOR_IN_RELEASE_NAMESPACE);
        assertThat(CHART.all(RoleBinding.class)).anySatisfy(binding -> {
            assertThat(binding.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
            assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        });
    }

    @Test
    void watchedNamespacesAddClaimsAndBucketSourcesAndTheClusterRoleVolumes() {
        Role watched = CHART.all(Role.class).stream().filter(r -> "apps".equals(r.getMetadata().getNamespace()))
                .findFirst().orElseThrow();
        Map<String, Set<String>> granted = OperatorPermissions.granted(watched.getRules());
        assertThat(granted).containsAllEntriesOf(OperatorPermissions.POPULATOR_IN_WATCHED_NAMESPACES);
        Map<String, Set<String>> expected = new HashMap<>(OperatorPermissions.IN_WATCHED_NAMESPACES);
        OperatorPermissions.IN_WATCHED_NAMESPACES.keySet().stream()
                .filter(k -> k.startsWith("objectbucket.io/") || k.startsWith("objectstorage.k8s.io/") || k.equals("/configmaps")
                        || k.startsWith("stowage.io/s3"))
                .forEach(expected::remove);
        expected.put("/secrets", Set.of("get", "list", "watch", "create", "update"));
        expected.putAll(OperatorPermissions.POPULATOR_IN_WATCHED_NAMESPACES);
        assertThat(granted).isEqualTo(expected);
        assertThat(CHART.all(ClusterRole.class)).singleElement().satisfies(role ->
                assertThat(OperatorPermissions.granted(role.getRules())).isEqualTo(OperatorPermissions.POPULATOR_CLUSTER_WIDE));
    }

    @Test
    void noVolumePopulatorIsRenderedWhereTheClusterLacksItsApi() {
        assertThat(CHART.kinds()).doesNotContain("VolumePopulator");
    }
}
