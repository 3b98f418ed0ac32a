package io.stowage.kube.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.PullPolicy;
import io.stowage.kube.crd.TlsMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulSetModelTest {

    private static final TlsMount OPERATOR_TLS = new TlsMount("s3-tls", true);

    private final ObjectStore store = TestStores.stored("s3", "apps");

    private StatefulSet build(TlsMount tls) {
        return StatefulSetModel.desired(store, TestStores.effective(store), tls);
    }

    private static Container container(StatefulSet sts) {
        return sts.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    @Test
    void runsTheServerWithItsFlagsOnAllInterfaces() {
        store.getSpec().setDomain("s3.example.com");
        store.getSpec().setRegion("eu-west-3");

        Container container = container(build(OPERATOR_TLS));

        assertThat(container.getImage()).isEqualTo(TestStores.IMAGE);
        assertThat(container.getCommand()).isEmpty();
        assertThat(container.getArgs()).containsExactly("server",
                "--address", "0.0.0.0:9000",
                "--admin-address", "0.0.0.0:9001",
                "--metrics-address", "0.0.0.0:9002",
                "--data", "/data",
                "--region", "eu-west-3",
                "--domain", "s3.example.com",
                "--shutdown-grace", "20s",
                "--tls", "files",
                "--tls-cert", "/etc/stowage/tls/tls.crt",
                "--tls-key", "/etc/stowage/tls/tls.key",
                "--tls-ca", "/etc/stowage/tls/ca.crt");
        assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("s3:9000", "admin:9001", "metrics:9002");
    }

    @Test
    void withoutTlsThereIsNoTlsFlagNorVolume() {
        StatefulSet sts = build(null);

        assertThat(container(sts).getArgs()).noneMatch(a -> a.startsWith("--tls")).doesNotContain("--domain");
        assertThat(container(sts).getVolumeMounts()).extracting("mountPath").containsExactly("/data", "/tmp");
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).extracting("name").containsExactly("tmp");
    }

    @Test
    void aSecretWithoutCaBundleGetsNoCaFlag() {
        assertThat(container(build(new TlsMount("mine", false))).getArgs())
                .contains("--tls-cert").doesNotContain("--tls-ca");
    }

    @Test
    void mountsTheTlsSecretReadOnly() {
        StatefulSet sts = build(OPERATOR_TLS);

        assertThat(container(sts).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/stowage/tls");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .singleElement().satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("s3-tls"));
    }

    @Test
    void probesAskTheHealthEndpointsOnTheMetricsPort() {
        Container container = container(build(OPERATOR_TLS));

        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        for (var probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
            assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
        }
    }

    @Test
    void runsAsNonRootWithAReadOnlyRootAndNoCapabilities() {
        StatefulSet sts = build(OPERATOR_TLS);
        PodSpec pod = sts.getSpec().getTemplate().getSpec();
        Container container = container(sts);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        // Service links would put STOWAGE_* variables (STOWAGE_PORT, …) into the pod for a store named stowage.
        assertThat(pod.getEnableServiceLinks()).isFalse();
    }

    @Test
    void theKubeletWaitsTenSecondsLongerThanTheServersShutdownGrace() {
        store.getSpec().setShutdownGracePeriod("1m");

        StatefulSet sts = build(OPERATOR_TLS);

        assertThat(sts.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(70L);
        assertThat(container(sts).getArgs()).containsSequence("--shutdown-grace", "60s");
    }

    private static Map<String, EnvVar> env(StatefulSet sts) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container(sts).getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    @Test
    void aSingleServerGetsTheAdminTokenAndNoClusterSetting() {
        StatefulSet sts = build(OPERATOR_TLS);
        Map<String, EnvVar> env = env(sts);

        // any of STOWAGE_NODE_ID, STOWAGE_RAFT_ADDRESS or STOWAGE_PEERS would make the server a cluster node
        assertThat(env).containsOnlyKeys("STOWAGE_ADMIN_TOKEN");
        assertThat(env.get("STOWAGE_ADMIN_TOKEN").getValueFrom().getSecretKeyRef().getName()).isEqualTo("s3-admin-token");
        assertThat(env.get("STOWAGE_ADMIN_TOKEN").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
        assertThat(container(sts).getPorts()).extracting("name").containsExactly("s3", "admin", "metrics");
    }

    @Test
    void eachPodOfAClusterIsANodeNamedAfterItselfWithEveryPodAsPeer() {
        store.getSpec().setReplicas(3);
        StatefulSet sts = build(OPERATOR_TLS);
        Map<String, EnvVar> env = env(sts);

        assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
        assertThat(env.keySet()).containsExactly("STOWAGE_ADMIN_TOKEN", "STOWAGE_NODE_ID", "STOWAGE_RAFT_ADDRESS",
                "STOWAGE_PEERS", "STOWAGE_ROOT_ACCESS_KEY", "STOWAGE_ROOT_SECRET_KEY");
        assertThat(env.get("STOWAGE_NODE_ID").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get("STOWAGE_RAFT_ADDRESS").getValue()).isEqualTo("$(STOWAGE_NODE_ID).s3-headless.apps.svc:9100");
        assertThat(env.get("STOWAGE_PEERS").getValue()).isEqualTo("s3-0=s3-0.s3-headless.apps.svc:9100,"
                + "s3-1=s3-1.s3-headless.apps.svc:9100,s3-2=s3-2.s3-headless.apps.svc:9100");
        assertThat(env.get("STOWAGE_ROOT_ACCESS_KEY").getValueFrom().getSecretKeyRef())
                .satisfies(ref -> assertThat(ref.getName() + "/" + ref.getKey()).isEqualTo("s3-root-credentials/accessKey"));
        assertThat(env.get("STOWAGE_ROOT_SECRET_KEY").getValueFrom().getSecretKeyRef())
                .satisfies(ref -> assertThat(ref.getName() + "/" + ref.getKey()).isEqualTo("s3-root-credentials/secretKey"));
        assertThat(container(sts).getArgs()).containsSequence("--tls", "files").contains("--tls-ca");
        assertThat(container(sts).getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("s3:9000", "admin:9001", "metrics:9002", "raft:9100", "raft-blobs:9101");
    }

    @Test
    void aPodsRaftAddressIsWhatItsPeersAndTheOperatorCallIt() {
        store.getSpec().setReplicas(3);
        Map<String, EnvVar> env = env(build(OPERATOR_TLS));
        ObjectStoreNames names = ObjectStoreNames.of(store);

        // what the kubelet makes of $(STOWAGE_NODE_ID) in pod s3-1: the server compares addresses as strings
        String expanded = env.get("STOWAGE_RAFT_ADDRESS").getValue().replace("$(STOWAGE_NODE_ID)", "s3-1");

        assertThat(expanded).isEqualTo(names.raftAddress(1));
        assertThat(env.get("STOWAGE_PEERS").getValue().split(",")).contains("s3-1=" + expanded);
    }

    @Test
    void withoutTlsAClustersPeersSpeakPlainTcpExplicitly() {
        store.getSpec().setReplicas(3);
        assertThat(env(build(OPERATOR_TLS))).doesNotContainKey("STOWAGE_INSECURE_PEERS");

        store.getSpec().getTls().setMode(TlsMode.DISABLED);
        Map<String, EnvVar> env = env(build(null));

        assertThat(env.get("STOWAGE_INSECURE_PEERS").getValue()).isEqualTo("true");
    }

    @Test
    void theStatefulSetKeepsPodsThatStillAreMembersWithTheirPeers() {
        store.getSpec().setReplicas(3);

        StatefulSet sts = StatefulSetModel.desired(store, TestStores.effective(store).withReplicas(5), OPERATOR_TLS);

        assertThat(sts.getSpec().getReplicas()).isEqualTo(5);
        assertThat(env(sts).get("STOWAGE_PEERS").getValue().split(",")).hasSize(5);
    }

    @Test
    void onePersistentVolumeClaimPerPodFromTheStorageSpec() {
        store.getSpec().getStorage().setStorageClassName("px-repl3");
        store.getSpec().getStorage().setSize("50Gi");

        StatefulSet sts = build(OPERATOR_TLS);
        PersistentVolumeClaim claim = sts.getSpec().getVolumeClaimTemplates().getFirst();

        assertThat(sts.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(claim.getMetadata().getName()).isEqualTo("data");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("px-repl3");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("50Gi"));
        assertThat(container(sts).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("data");
            assertThat(m.getMountPath()).isEqualTo("/data");
        });
    }

    @Test
    void volumesAreKeptOnDeleteUnlessAskedOtherwise() {
        assertThat(build(OPERATOR_TLS).getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
                .isEqualTo("Retain");

        store.getSpec().setDeletePVCs(true);

        assertThat(build(OPERATOR_TLS).getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
                .isEqualTo("Delete");
        assertThat(build(OPERATOR_TLS).getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled())
                .isEqualTo("Retain");
    }

    @Test
    void podsStartInParallelWithStableNamesThroughTheHeadlessService() {
        StatefulSet sts = build(OPERATOR_TLS);

        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(sts.getSpec().getServiceName()).isEqualTo("s3-headless");
        assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        assertThat(sts.getSpec().getSelector().getMatchLabels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("app.kubernetes.io/name", "stowage",
                        "app.kubernetes.io/instance", "s3"));
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(sts.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void byDefaultPodsPreferDifferentNodes() {
        StatefulSet sts = build(OPERATOR_TLS);

        WeightedPodAffinityTerm term = sts.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution().getFirst();
        assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                .isEqualTo(sts.getSpec().getSelector().getMatchLabels());
        assertThat(sts.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()).isEmpty();
    }

    @Test
    void aGivenAffinityReplacesTheDefault() {
        var affinity = new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build();
        store.getSpec().getScheduling().setAffinity(affinity);
        store.getSpec().getScheduling().setNodeSelector(Map.of("disk", "ssd"));

        PodSpec pod = build(OPERATOR_TLS).getSpec().getTemplate().getSpec();

        assertThat(pod.getAffinity()).isEqualTo(affinity);
        assertThat(pod.getNodeSelector()).containsEntry("disk", "ssd");
    }

    @Test
    void imageSettingsAndResourcesComeFromTheSpec() {
        store.getSpec().setImage("registry.local/stowage:1.2.3");
        store.getSpec().setImagePullPolicy(PullPolicy.Always);
        store.getSpec().setResources(new ResourceRequirementsBuilder()
                .addToLimits("memory", new Quantity("2Gi")).build());

        Container container = container(build(OPERATOR_TLS));

        assertThat(container.getImage()).isEqualTo("registry.local/stowage:1.2.3");
        assertThat(container.getImagePullPolicy()).isEqualTo("Always");
        assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("2Gi"));
    }

    @Test
    void theObjectStoreControlsIt() {
        OwnerReference owner = build(OPERATOR_TLS).getMetadata().getOwnerReferences().getFirst();

        assertThat(owner.getApiVersion()).isEqualTo("stowage.io/v1alpha1");
        assertThat(owner.getKind()).isEqualTo("ObjectStore");
        assertThat(owner.getName()).isEqualTo("s3");
        assertThat(owner.getUid()).isEqualTo(store.getMetadata().getUid());
        assertThat(owner.getController()).isTrue();
        assertThat(build(OPERATOR_TLS).getMetadata().getNamespace()).isEqualTo("apps");
    }
}
