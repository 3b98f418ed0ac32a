package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.TlsMode;
import io.stowage.kube.model.EffectiveSpec;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.SpecValidator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChartCustomValuesTest {

    private static final RenderedChart CHART = RenderedChart.withValues("namespaced-with-objectstore.yaml");

    @Test
    void watchedNamespacesGetARoleEachAndOnlyTheProvisionersKindsAreClusterWide() {
        Map<String, Role> roles = CHART.all(Role.class).stream()
                .filter(role -> !role.getMetadata().getName().endsWith("-backends"))
                .collect(Collectors.toMap(role -> role.getMetadata().getNamespace(), Function.identity()));
        Role backends = CHART.all(Role.class).stream().filter(role -> role.getMetadata().getName().endsWith("-backends"))
                .findFirst().orElseThrow();

        assertThat(CHART.all(ClusterRole.class)).singleElement().satisfies(role ->
                assertThat(OperatorPermissions.granted(role.getRules())).isEqualTo(OperatorPermissions.FOR_PROVISIONING));
        assertThat(CHART.all(ClusterRoleBinding.class)).hasSize(1);
        assertThat(backends.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(OperatorPermissions.granted(backends.getRules())).isEqualTo(OperatorPermissions.FOR_BACKENDS);
        assertThat(roles).containsOnlyKeys("team-a", "team-b", RenderedChart.NAMESPACE);
        assertThat(OperatorPermissions.granted(roles.get("team-a").getRules()))
                .isEqualTo(OperatorPermissions.IN_WATCHED_NAMESPACES);
        assertThat(OperatorPermissions.granted(roles.get("team-b").getRules()))
                .isEqualTo(OperatorPermissions.IN_WATCHED_NAMESPACES);
        assertThat(OperatorPermissions.granted(roles.get(RenderedChart.NAMESPACE).getRules()))
                .isEqualTo(OperatorPermissions.FOR_LEADER_ELECTION);
        assertThat(CHART.all(RoleBinding.class))
                .extracting(binding -> binding.getMetadata().getNamespace() + ":" + binding.getRoleRef().getName())
                .containsExactlyInAnyOrderElementsOf(CHART.all(Role.class).stream()
                        .map(role -> role.getMetadata().getNamespace() + ":" + role.getMetadata().getName()).toList());
    }

    @Test
    void deploymentTakesImageReplicasResourcesAndScheduling() {
        Deployment deployment = CHART.one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().getFirst();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(container.getImage()).isEqualTo("registry.example.com/stowage:1.2.3");
        assertThat(container.getImagePullPolicy()).isEqualTo("Always");
        assertThat(container.getArgs()).containsExactly("operator", "--namespaces=team-a,team-b",
                "--leader-election=true", "--lease-name=stowage-operator",
                "--lease-namespace=" + RenderedChart.NAMESPACE, "--default-image=registry.example.com/stowage:1.2.3",
                "--provisioners=obc,cosi,gitops", "--cosi-driver-name=s3.example.com", "--cosi-controller=true",
                "--default-backend=stowage-system/stowage-backend", "--log-format=json", "--log-level=INFO", "--metrics-address=0.0.0.0:8080");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(60L);
        assertThat(container.getResources().getRequests())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("300Mi")));
        assertThat(container.getResources().getLimits())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("1"), "memory", new Quantity("600Mi")));
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
        assertThat(pod.getTolerations())
                .containsExactly(new Toleration("NoSchedule", "dedicated", "Equal", null, "storage"));
    }

    @Test
    void serviceMonitorScrapesTheOperatorsMetricsService() {
        Deployment deployment = CHART.one(Deployment.class);
        Service service = CHART.one(Service.class);
        GenericKubernetesResource monitor = CHART.one(GenericKubernetesResource.class);

        assertThat(service.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("metrics");
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("metrics");
        });
        assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(service.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"));
        assertThat(monitor.<List<Map<String, Object>>>get("spec", "endpoints")).singleElement()
                .isEqualTo(Map.of("port", "metrics", "path", "/metrics", "interval", "15s"));
    }

    @Test
    void objectStoreIsOneTheOperatorAccepts() throws InvalidSpecException {
        ObjectStore store = CHART.one(ObjectStore.class);

        assertThat(store.getMetadata().getName()).isEqualTo("photos");
        assertThat(store.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(store.getSpec().getTls().getMode()).isEqualTo(TlsMode.CERT_MANAGER);
        assertThat(store.getSpec().getTls().getIssuerRef().getName()).isEqualTo("letsencrypt");
        assertThat(store.getSpec().getTls().getIssuerRef().getKind()).isEqualTo("ClusterIssuer");
        assertThat(store.getSpec().getStorage().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(store.getSpec().getMetrics().getServiceMonitor()).isTrue();
        EffectiveSpec spec = SpecValidator.validate(store, "ghcr.io/stowage/stowage:test");
        assertThat(spec.region()).isEqualTo("eu-central-1");
        assertThat(spec.size()).isEqualTo(new Quantity("100Gi"));
        assertThat(spec.tlsMode()).isEqualTo(TlsMode.CERT_MANAGER);
        assertThat(spec.replicas()).isEqualTo(3);
    }

    @Test
    void severalReplicasWithoutLeaderElectionAreRefused() {
        assertThatThrownBy(() -> RenderedChart.withValues("replicas-without-leader-election.yaml"))
                .hasMessageContaining("replicas > 1 needs leaderElection.enabled");
    }

    @Test
    void anObjectStoreTheOperatorWouldNotWatchIsRefused() {
        assertThatThrownBy(() -> RenderedChart.withValues("objectstore-outside-watched-namespaces.yaml"))
                .hasMessageContaining("objectStore.namespace team-b is not in watchNamespaces");
    }
}
