package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChartDefaultsTest {

    private static final RenderedChart CHART = RenderedChart.withDefaults();

    @Test
    void rendersTheOperatorWithClusterWidePermissionsAndNoObjectStore() {
        // The CRD is in crds/, which helm installs first and helm template leaves out.
        assertThat(CHART.kinds()).containsExactly("ClusterRole", "ClusterRole", "ClusterRoleBinding",
                "ClusterRoleBinding", "Deployment", "Role", "RoleBinding", "ServiceAccount");
    }

    @Test
    void clusterRolesGrantExactlyTheVerbsTheOperatorUses() {
        Map<String, ClusterRole> roles = CHART.all(ClusterRole.class).stream()
                .collect(Collectors.toMap(role -> role.getMetadata().getName(), Function.identity()));
        String name = CHART.one(Deployment.class).getMetadata().getName();

        assertThat(roles).containsOnlyKeys(name, name + "-provisioning");
        assertThat(OperatorPermissions.granted(roles.get(name).getRules())).isEqualTo(OperatorPermissions.IN_WATCHED_NAMESPACES);
        assertThat(OperatorPermissions.granted(roles.get(name + "-provisioning").getRules()))
                .isEqualTo(OperatorPermissions.FOR_PROVISIONING);
        assertThat(CHART.all(ClusterRoleBinding.class)).hasSize(2).allSatisfy(binding -> {
            assertThat(roles).containsKey(binding.getRoleRef().getName());
            assertThat(binding.getSubjects()).containsExactly(operatorAccount());
        });
    }

    @Test
    void everyProvisionerRunsByDefault() {
        assertThat(CHART.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .contains("--provisioners=obc,secret,cosi,gitops", "--cosi-driver-name=cosi.stowage.io", "--cosi-controller=false")
                .noneMatch(arg -> arg.startsWith("--default-backend"));
    }

    @Test
    void leaderElectionRoleIsInTheReleaseNamespaceAndCoversOnlyLeases() {
        Role role = CHART.one(Role.class);
        RoleBinding binding = CHART.one(RoleBinding.class);

        assertThat(role.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(OperatorPermissions.granted(role.getRules())).isEqualTo(OperatorPermissions.FOR_LEADER_ELECTION);
        assertThat(binding.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).containsExactly(operatorAccount());
    }

    @Test
    void deploymentRunsOneLeaderElectingOperatorOfThisVersionOnAllNamespaces() throws IOException {
        Deployment deployment = CHART.one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().getFirst();
        String image = "ghcr.io/stowage/stowage:" + projectVersion();

        assertThat(deployment.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(pod.getServiceAccountName()).isEqualTo(CHART.one(ServiceAccount.class).getMetadata().getName());
        assertThat(container.getImage()).isEqualTo(image);
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(container.getArgs()).containsExactly("operator", "--leader-election=true",
                "--lease-name=stowage-operator", "--lease-namespace=" + RenderedChart.NAMESPACE,
                "--default-image=" + image, "--provisioners=obc,secret,cosi,gitops", "--cosi-driver-name=cosi.stowage.io",
                "--cosi-controller=false", "--log-format=text", "--log-level=INFO", "--metrics-address=0.0.0.0:8080");
        assertThat(container.getResources().getRequests()).containsEntry("memory", new Quantity("256Mi"));
        assertThat(pod.getNodeSelector()).isNullOrEmpty();
        assertThat(pod.getTolerations()).isNullOrEmpty();
    }

    @Test
    void operatorIsProbedOnItsMetricsPortAndGivenTimeToStop() {
        PodSpec pod = CHART.one(Deployment.class).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().getFirst();

        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("metrics");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(container.getArgs()).contains("--metrics-address=0.0.0.0:8080");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    }

    @Test
    void operatorRunsNonRootOnAReadOnlyRootWithoutCapabilities() {
        PodSpec pod = CHART.one(Deployment.class).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().getFirst();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    }

    private static Subject operatorAccount() {
        ServiceAccount account = CHART.one(ServiceAccount.class);
        return new Subject(null, "ServiceAccount", account.getMetadata().getName(), account.getMetadata().getNamespace());
    }

    private static String projectVersion() throws IOException {
        try (InputStream in = ChartDefaultsTest.class.getResourceAsStream("/io/stowage/kube/version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}
