package io.stowage.kube.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ObjectStoreSpec;
import io.stowage.kube.crd.TlsMode;
import io.stowage.kube.model.ObjectStoreNames;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.provision.ProvisioningMetrics;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An ObjectStore of several replicas: the operator writes a cluster's StatefulSet, Services and shared
 * Secrets, and changes the Raft group's members through the admin API when the replicas change. The
 * admin APIs are a {@link FakeRaftGroup} of stub servers, which the operator reaches instead of the pods.
 *
 * <p>What these tests cannot show: the pods never run, here or on the mock, so no Raft group forms and
 * no data moves; the tests report what the StatefulSet controller and the kubelet would (the
 * StatefulSet's status, Pods that are ready) and assert what the operator asks of the group, in which
 * order, and what it writes. On a real cluster those reports would fight the real controllers, so the
 * scaling tests run on the mock only; the others run on either.
 */
@ExtendWith(TestClusterExtension.class)
class ClusterOperatorIT {

    private static final String NAME = "s3";

    private TestCluster cluster;
    private KubernetesClient client;
    private String ns;
    private ObjectStoreNames names;
    private FakeRaftGroup group;
    private KubernetesClient operatorClient;
    private OperatorRunner operator;

    @BeforeEach
    void start(TestCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.ns = cluster.namespace();
        this.names = new ObjectStoreNames(NAME, ns);
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            stopOperator();
        }
        if (group != null) {
            group.close();
        }
    }

    private void startOperator() {
        operatorClient = cluster.newClient();
        operator = new OperatorRunner(operatorClient, new OperatorConfig(Set.of(ns), false, "unused", null, TestStores.IMAGE),
                Clock.systemUTC(), Metrics.NOOP, new ProvisioningMetrics(new SimpleMeterRegistry()), () -> { },
                (host, tls) -> group.endpoint(host));
        operator.start();
    }

    private void stopOperator() {
        cluster.settle();
        operator.close();
        operatorClient.close();
        operator = null;
    }

    /** A group of pods 0 to MEMBERS-1 led by LEADER, with those pods running. */
    private void group(int members, int leader) throws IOException {
        group = new FakeRaftGroup(names, members, leader);
        for (int ordinal = 0; ordinal < members; ordinal++) {
            group.run(ordinal);
        }
    }

    @Test
    void aClusterOfThreeGetsPeersSharedRootCredentialsAndPeerPorts() throws IOException {
        group(3, 0);
        startOperator();
        create(spec -> spec.setReplicas(3));

        StatefulSet sts = awaitStatefulSet(s -> s.getSpec().getReplicas() == 3);
        var container = sts.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getEnv()).extracting("name").contains("STOWAGE_NODE_ID", "STOWAGE_RAFT_ADDRESS",
                "STOWAGE_PEERS", "STOWAGE_ROOT_ACCESS_KEY", "STOWAGE_ROOT_SECRET_KEY").doesNotContain("STOWAGE_INSECURE_PEERS");
        assertThat(container.getPorts()).extracting("name").contains("raft", "raft-blobs");
        Service headless = await(Service.class, "s3-headless");
        assertThat(headless.getSpec().getPorts()).extracting("port").contains(9100, 9101);
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        Secret root = await(Secret.class, "s3-root-credentials");
        assertThat(SecretData.decode(root, "accessKey")).matches("[A-Z0-9]{20}");
        assertThat(root.getMetadata().getOwnerReferences().getFirst().getName()).isEqualTo(NAME);

        edit(spec -> spec.setRegion("eu-west-1"));
        awaitStatefulSet(s -> s.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs().contains("eu-west-1"));
        stopOperator();
        startOperator();
        edit(spec -> spec.setImage("registry.local/stowage:2"));
        awaitStatefulSet(s -> s.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()
                .equals("registry.local/stowage:2"));
        Secret after = get(Secret.class, "s3-root-credentials");
        assertThat(after.getData()).isEqualTo(root.getData());
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(root.getMetadata().getResourceVersion());
    }

    @Test
    void withoutTlsTheStatusSaysThePeersSpeakPlainTcp() throws IOException {
        group(3, 0);
        startOperator();
        create(spec -> {
            spec.setReplicas(3);
            spec.getTls().setMode(TlsMode.DISABLED);
        });

        StatefulSet sts = awaitStatefulSet(s -> true);
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("STOWAGE_INSECURE_PEERS=true"));
        Condition degraded = awaitCondition("Degraded", c -> c.getReason().equals("PlaintextPeers"));
        assertThat(degraded.getStatus()).isEqualTo("False");
        assertThat(degraded.getMessage()).contains("plain TCP");
    }

    @Test
    void scalingThreeToFiveToThreeAddsThenRemovesMembersThroughTheLeaderInOrder() throws IOException {
        assumeTrue(cluster.isMock(), "the test reports pods ready, which a real cluster's kubelet does itself");
        group(3, 1);
        startOperator();
        create(spec -> spec.setReplicas(3));
        awaitStatefulSet(s -> true);
        reportStatefulSet(3, 3);
        // the first pods form the group from their peers: nothing to add
        awaitStore(s -> List.of("s3-0", "s3-1", "s3-2").equals(s.getStatus().getMembers()));
        assertThat(group.changeRequests()).isZero();

        edit(spec -> spec.setReplicas(5));

        awaitStatefulSet(s -> s.getSpec().getReplicas() == 5);
        reportStatefulSet(5, 3);
        Condition scaling = awaitCondition("Progressing", c -> c.getReason().equals("Scaling"));
        assertThat(scaling.getMessage()).isEqualTo("s3-3 joins the Raft group once it is ready");
        assertThat(group.changeRequests()).as("no pod joins before it is ready").isZero();

        podsReady(3, 4);
        reportStatefulSet(5, 5);

        awaitStore(s -> s.getStatus().getMembers() != null && s.getStatus().getMembers().size() == 5);
        assertThat(group.changes()).containsExactly(
                "add s3-3 at s3-3.s3-headless." + ns + ".svc:9100 by s3-1",
                "add s3-4 at s3-4.s3-headless." + ns + ".svc:9100 by s3-1");
        assertThat(events("MemberAdded")).hasSize(2);

        edit(spec -> spec.setReplicas(3));

        awaitStatefulSet(s -> s.getSpec().getReplicas() == 3);
        assertThat(group.changes()).endsWith("remove s3-4 by s3-1", "remove s3-3 by s3-1");
        assertThat(group.memberIds()).containsExactly("s3-0", "s3-1", "s3-2");
        awaitStore(s -> List.of("s3-0", "s3-1", "s3-2").equals(s.getStatus().getMembers()));
        assertThat(events("MemberRemoved")).hasSize(2);

        // More reconciles (a spec change, a status report) ask the group again but change nothing.
        long changeRequests = group.changeRequests();
        edit(spec -> spec.setRegion("eu-west-1"));
        awaitStore(s -> s.getStatus().getObservedGeneration().equals(s.getMetadata().getGeneration()));
        reportStatefulSet(3, 3);
        awaitCondition("Progressing", c -> c.getReason().equals("RolloutComplete"));
        assertThat(group.changeRequests()).isEqualTo(changeRequests);
        assertThat(group.changes()).hasSize(4);
    }

    @Test
    void aPodThatDoesNotAnswerIsPassedOverAndAFollowerNamesTheLeader() throws IOException {
        assumeTrue(cluster.isMock(), "the test reports pods ready, which a real cluster's kubelet does itself");
        group = new FakeRaftGroup(names, 3, 2);
        group.run(1, 2);
        startOperator();
        create(spec -> spec.setReplicas(3));
        awaitStatefulSet(s -> true);

        reportStatefulSet(3, 2);

        ObjectStore store = awaitStore(s -> s.getStatus().getMembers() != null);
        assertThat(store.getStatus().getMembers()).containsExactly("s3-0", "s3-1", "s3-2");
        assertThat(group.changeRequests()).isZero();
    }

    @Test
    void membersLeaveBeforeTheStatefulSetDropsTheirPodsWhichWaitWhileNoLeaderAnswers() throws IOException {
        assumeTrue(cluster.isMock(), "the test reports pods ready, which a real cluster's kubelet does itself");
        group(5, 4);
        startOperator();
        create(spec -> spec.setReplicas(5));
        awaitStatefulSet(s -> true);
        reportStatefulSet(5, 5);
        awaitStore(s -> s.getStatus().getMembers() != null && s.getStatus().getMembers().size() == 5);
        group.unavailable(true);

        edit(spec -> spec.setReplicas(3));

        Condition failed = awaitCondition("Degraded", c -> c.getReason().equals("MembershipFailed"));
        assertThat(failed.getStatus()).isEqualTo("True");
        assertThat(failed.getMessage()).startsWith("no leader of the Raft group answered").contains("no quorum");
        assertThat(get(StatefulSet.class, NAME).getSpec().getReplicas()).as("pods that are still members stay").isEqualTo(5);
        assertThat(store().getStatus().getMembers()).hasSize(5);

        group.unavailable(false);

        // the leader removes itself first, then its successor (the fake's lowest member) removes s3-3
        awaitStatefulSet(s -> s.getSpec().getReplicas() == 3);
        assertThat(group.changes()).containsExactly("remove s3-4 by s3-4", "remove s3-3 by s3-0");
        awaitCondition("Degraded", c -> c.getStatus().equals("False"));
    }

    @Test
    void anOperatorThatStoppedBeforeThePodsJoinedAddsThemOnceWhenItStartsAgain() throws IOException {
        assumeTrue(cluster.isMock(), "the test reports pods ready, which a real cluster's kubelet does itself");
        // As left by an operator that grew the StatefulSet to 5 and stopped before adding s3-3 and s3-4.
        group(3, 0);
        group.run(3, 4);
        startOperator();
        create(spec -> spec.setReplicas(5));
        awaitStatefulSet(s -> true);
        stopOperator();
        podsReady(3, 4);
        reportStatefulSet(5, 5);

        startOperator();

        awaitStore(s -> s.getStatus().getMembers() != null && s.getStatus().getMembers().size() == 5);
        assertThat(group.changes()).containsExactly(
                "add s3-3 at s3-3.s3-headless." + ns + ".svc:9100 by s3-0",
                "add s3-4 at s3-4.s3-headless." + ns + ".svc:9100 by s3-0");
        stopOperator();
        startOperator();
        reportStatefulSet(5, 4);
        awaitStore(s -> s.getStatus().getReadyReplicas() == 4);
        assertThat(group.changes()).hasSize(2);
    }

    private void create(Consumer<ObjectStoreSpec> customize) {
        ObjectStore store = TestStores.named(NAME, ns);
        customize.accept(store.getSpec());
        client.resource(store).create();
    }

    private void edit(Consumer<ObjectStoreSpec> change) {
        TestStores.edit(client, ns, NAME, change);
    }

    /** What the StatefulSet controller reports: READY of REPLICAS pods ready, all on the current revision. */
    private void reportStatefulSet(int replicas, int ready) {
        client.apps().statefulSets().inNamespace(ns).withName(NAME).editStatus(s -> {
            s.setStatus(new StatefulSetStatusBuilder()
                    .withReplicas(replicas).withReadyReplicas(ready).withUpdatedReplicas(replicas)
                    .withAvailableReplicas(ready).withObservedGeneration(s.getMetadata().getGeneration())
                    .withCurrentRevision("s3-1").withUpdateRevision("s3-1").build());
            return s;
        });
    }

    /** What the StatefulSet controller and the kubelet would make: the pods, running and ready. */
    private void podsReady(int... ordinals) {
        for (int ordinal : ordinals) {
            group.run(ordinal);
            client.pods().inNamespace(ns).resource(new PodBuilder()
                    .withNewMetadata().withName(names.podName(ordinal)).endMetadata()
                    .withNewSpec().addNewContainer().withName("stowage").withImage(TestStores.IMAGE).endContainer().endSpec()
                    .build()).create();
            client.pods().inNamespace(ns).withName(names.podName(ordinal)).editStatus(p -> {
                p.setStatus(new PodStatusBuilder().withPhase("Running")
                        .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
                return p;
            });
        }
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    private ObjectStore store() {
        return get(ObjectStore.class, NAME);
    }

    private ObjectStore awaitStore(Predicate<ObjectStore> condition) {
        return Eventually.await("the ObjectStore's status", this::store, s -> s.getStatus() != null && condition.test(s));
    }

    private Condition awaitCondition(String type, Predicate<Condition> condition) {
        return Eventually.await("condition " + type, () -> {
            ObjectStore store = store();
            return store.getStatus() == null ? null : store.getStatus().getConditions().stream()
                    .filter(c -> c.getType().equals(type)).findFirst().orElse(null);
        }, condition);
    }

    private StatefulSet awaitStatefulSet(Predicate<StatefulSet> condition) {
        return Eventually.await("the StatefulSet", () -> get(StatefulSet.class, NAME), condition);
    }

    private <T extends HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(ns).withName(name).get();
    }

    private <T extends HasMetadata> T await(Class<T> type, String name) {
        return Eventually.await(type.getSimpleName() + " " + name, () -> get(type, name));
    }
}
