package io.stowage.kube.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.IssuerRef;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ObjectStoreSpec;
import io.stowage.kube.crd.TlsMode;
import io.stowage.kube.model.CertificateModel;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.model.ServiceMonitorModel;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.kube.tls.CertificateRenewal;
import io.stowage.kube.tls.Pem;
import io.stowage.probes.Readiness;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator against an API server: fabric8's mock server in CRUD mode in CI, or the real cluster that
 * STOWAGE_IT_KUBECONFIG names; the same tests either way.
 *
 * <p>What the mock cannot show, and so these tests do not claim on it: garbage collection through owner
 * references (the tests assert the references instead); server-side apply (the operator does not use
 * it); validation and defaulting by the CRD schema (CrdSchemaTest checks the schema, SpecValidatorTest
 * the operator's own checks); controllers: no pod ever starts or becomes ready, so the tests report
 * readiness by patching the StatefulSet's status as the StatefulSet controller would; RBAC (a
 * SelfSubjectRulesReview is stubbed for leader election).
 */
@ExtendWith(TestClusterExtension.class)
class ObjectStoreOperatorIT {

    private static final ProvisioningMetrics NO_PROVISIONING_METRICS = new ProvisioningMetrics(new SimpleMeterRegistry());

    private static final String NAME = "s3";
    private static final String IMAGE = "ghcr.io/stowage/stowage:it";

    private TestCluster cluster;
    private KubernetesClient client;
    private String ns;
    private final MutableClock clock = new MutableClock(Instant.now());
    private KubernetesClient operatorClient;
    private OperatorRunner operator;

    @BeforeEach
    void startOperator(TestCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.ns = cluster.namespace();
        startOperator(false);
    }

    @AfterEach
    void stopOperator() {
        cluster.settle();
        operator.close();
        operatorClient.close();
    }

    private void startOperator(boolean leaderElection) {
        operatorClient = cluster.newClient();
        operator = new OperatorRunner(operatorClient, config(leaderElection), clock, Metrics.NOOP, NO_PROVISIONING_METRICS, () -> { });
        operator.start();
    }

    private OperatorConfig config(boolean leaderElection) {
        return new OperatorConfig(Set.of(ns), leaderElection, "stowage-operator-it", ns, IMAGE);
    }

    private void restartOperator() {
        stopOperator();
        startOperator(false);
    }

    @Test
    void writesEverythingAnObjectStoreOwns() {
        ObjectStore store = create(spec -> spec.getStorage().setStorageClassName("standard"));

        StatefulSet sts = awaitStatefulSet(s -> true);
        assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        assertThat(sts.getSpec().getServiceName()).isEqualTo("s3-headless");
        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(sts.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getStorageClassName()).isEqualTo("standard");
        var container = sts.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo(IMAGE);
        assertThat(container.getArgs()).contains("server", "--tls", "--tls-ca");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(sts.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);

        Service headless = await(Service.class, "s3-headless");
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        Service clientService = await(Service.class, NAME);
        assertThat(clientService.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(clientService.getSpec().getPorts()).extracting("port").containsExactly(9000, 9001, 9002);

        Secret token = await(Secret.class, "s3-admin-token");
        assertThat(SecretData.decode(token, "token")).matches("[0-9a-f]{64}");
        assertThat(container.getEnv()).extracting("name").containsExactly("STOWAGE_ADMIN_TOKEN");
        assertThat(get(Secret.class, "s3-root-credentials")).as("a single server makes its own").isNull();

        Secret tls = await(Secret.class, "s3-tls");
        assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(tls.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
        X509Certificate cert = certificate(tls, "tls.crt");
        X509Certificate ca = certificate(await(Secret.class, "s3-ca"), "ca.crt");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(SecretData.decode(tls, "ca.crt")).isEqualTo(SecretData.decode(await(Secret.class, "s3-ca"), "ca.crt"));

        PodDisruptionBudget pdb = await(PodDisruptionBudget.class, NAME);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);

        ObjectStore status = awaitStore(s -> s.getStatus() != null && s.getStatus().getEndpoint() != null);
        assertThat(status.getStatus().getEndpoint()).isEqualTo("https://s3." + ns + ".svc:9000");
        assertThat(status.getStatus().getCaSecretName()).isEqualTo("s3-tls");
        assertThat(status.getStatus().getObservedGeneration()).isEqualTo(store.getMetadata().getGeneration());
    }

    @Test
    void readyOnceTheStatefulSetReportsEveryReplicaReady() {
        // On the mock no pod ever runs: the test reports what the StatefulSet controller would.
        assumeTrue(cluster.isMock(), "a real cluster reports readiness itself, once the image runs");
        create(spec -> { });
        awaitStatefulSet(s -> true);
        Condition notReady = awaitCondition("Ready", c -> c.getStatus().equals("False"));
        assertThat(notReady.getMessage()).isEqualTo("0/1 replicas ready");
        assertThat(condition(store(), "Progressing").getStatus()).isEqualTo("True");

        reportPodsReady();

        awaitCondition("Ready", c -> c.getStatus().equals("True"));
        assertThat(condition(store(), "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition(store(), "Degraded").getStatus()).isEqualTo("False");
        assertThat(store().getStatus().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void aSingleServerDoesNotBecomeAClusterInPlace() {
        create(spec -> { });
        StatefulSet before = awaitStatefulSet(s -> true);

        edit(spec -> spec.setReplicas(3));

        Condition ready = awaitCondition("Ready", c -> c.getReason().equals("InvalidSpec"));
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getMessage()).startsWith("spec.replicas: a single server cannot become a cluster in place");
        assertThat(condition(store(), "Degraded").getStatus()).isEqualTo("True");
        StatefulSet after = get(StatefulSet.class, NAME);
        assertThat(after.getSpec().getReplicas()).isEqualTo(1);
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(get(Secret.class, "s3-root-credentials")).isNull();

        edit(spec -> spec.setReplicas(1));
        awaitCondition("Ready", c -> !c.getReason().equals("InvalidSpec"));
    }

    @Test
    void aNewImageRollsTheStatefulSet() {
        create(spec -> { });
        awaitStatefulSet(s -> true);

        edit(spec -> spec.setImage("registry.local/stowage:2"));

        awaitStatefulSet(s -> image(s).equals("registry.local/stowage:2"));
    }

    @Test
    void theAdminTokenSurvivesReconcilesAndOperatorRestarts() {
        create(spec -> { });
        Secret first = await(Secret.class, "s3-admin-token");

        edit(spec -> spec.setRegion("eu-west-1"));
        awaitStatefulSet(s -> s.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs().contains("eu-west-1"));
        restartOperator();
        edit(spec -> spec.setImage("registry.local/stowage:3"));
        awaitStatefulSet(s -> image(s).equals("registry.local/stowage:3"));

        Secret after = get(Secret.class, "s3-admin-token");
        assertThat(SecretData.decode(after, "token")).isEqualTo(SecretData.decode(first, "token"));
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    }

    @Test
    void theServerCertificateIsRenewedNearItsEndUnderTheSameCa() {
        create(spec -> { });
        Secret tls = await(Secret.class, "s3-tls");
        Secret ca = await(Secret.class, "s3-ca");
        X509Certificate first = certificate(tls, "tls.crt");
        awaitStatefulSet(s -> true);

        clock.advance(Duration.ofDays(365).minus(CertificateRenewal.RENEW_BEFORE).plusDays(1));
        reportPodsReady();

        Secret renewed = await("a new certificate", () -> get(Secret.class, "s3-tls"),
                s -> !certificate(s, "tls.crt").getSerialNumber().equals(first.getSerialNumber()));
        X509Certificate second = certificate(renewed, "tls.crt");
        assertThat(second.getNotAfter()).isAfter(first.getNotAfter());
        assertThat(get(Secret.class, "s3-ca").getMetadata().getResourceVersion())
                .isEqualTo(ca.getMetadata().getResourceVersion());
        assertThat(second.getIssuerX500Principal()).isEqualTo(certificate(ca, "ca.crt").getSubjectX500Principal());
    }

    @Test
    @SuppressWarnings("unchecked")
    void certManagerModeRequestsACertificate() {
        assumeTrue(cluster.isMock() || hasApi(CertificateModel.CONTEXT), "cert-manager is not installed");
        IssuerRef issuer = new IssuerRef();
        issuer.setName("internal-ca");
        issuer.setKind("ClusterIssuer");
        create(spec -> {
            spec.getTls().setMode(TlsMode.CERT_MANAGER);
            spec.getTls().setIssuerRef(issuer);
        });

        GenericKubernetesResource certificate = await("the Certificate", () -> client
                .genericKubernetesResources(CertificateModel.CONTEXT).inNamespace(ns).withName(NAME).get());
        Map<String, Object> spec = (Map<String, Object>) certificate.getAdditionalProperties().get("spec");
        assertThat(spec.get("secretName")).isEqualTo("s3-tls");
        assertThat((List<String>) spec.get("dnsNames")).contains("s3." + ns + ".svc", "*.s3-headless." + ns + ".svc");
        assertThat((Map<String, Object>) spec.get("issuerRef")).containsEntry("name", "internal-ca")
                .containsEntry("kind", "ClusterIssuer");
        assertOwned(certificate);
        StatefulSet sts = awaitStatefulSet(s -> true);
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("s3-tls"));
        assertThat(get(Secret.class, "s3-ca")).as("no operator CA in certManager mode").isNull();
    }

    @Test
    void aMissingUserSecretIsReportedAndNothingIsCreated() {
        create(spec -> {
            spec.getTls().setMode(TlsMode.SECRET);
            spec.getTls().setSecretName("my-certificate");
        });

        Condition degraded = awaitCondition("Degraded", c -> c.getStatus().equals("True"));
        assertThat(degraded.getReason()).isEqualTo("InvalidSpec");
        assertThat(degraded.getMessage()).contains("Secret my-certificate does not exist");
        assertThat(get(StatefulSet.class, NAME)).isNull();
    }

    @Test
    void withoutTlsTheEndpointIsPlainHttp() {
        create(spec -> spec.getTls().setMode(TlsMode.DISABLED));

        StatefulSet sts = awaitStatefulSet(s -> true);
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .noneMatch(a -> a.startsWith("--tls"));
        assertThat(awaitStore(s -> s.getStatus() != null && s.getStatus().getEndpoint() != null).getStatus().getEndpoint())
                .isEqualTo("http://s3." + ns + ".svc:9000");
        assertThat(get(Secret.class, "s3-tls")).isNull();
    }

    @Test
    void theServiceMonitorFollowsItsToggle() {
        assumeTrue(cluster.isMock() || hasApi(ServiceMonitorModel.CONTEXT), "the Prometheus Operator is not installed");
        create(spec -> spec.getMetrics().setServiceMonitor(true));

        GenericKubernetesResource monitor = await("the ServiceMonitor", this::serviceMonitor);
        assertOwned(monitor);

        edit(spec -> spec.getMetrics().setServiceMonitor(false));

        await("the ServiceMonitor deleted", () -> serviceMonitor() == null ? Boolean.TRUE : null);
    }

    @Test
    void everythingIsOwnedByTheObjectStoreAndVolumesAreKeptUnlessAsked() {
        ObjectStore store = create(spec -> { });
        StatefulSet sts = awaitStatefulSet(s -> true);
        assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
        for (HasMetadata owned : List.of(sts, await(Service.class, NAME), await(Service.class, "s3-headless"),
                await(Secret.class, "s3-admin-token"), await(Secret.class, "s3-tls"), await(Secret.class, "s3-ca"),
                await(PodDisruptionBudget.class, NAME))) {
            assertOwned(owned);
            assertThat(owned.getMetadata().getOwnerReferences().getFirst().getUid()).isEqualTo(store.getMetadata().getUid());
        }

        edit(spec -> spec.setDeletePVCs(true));
        awaitStatefulSet(s -> s.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted().equals("Delete"));

        client.resource(store()).delete();
        // The mock has no garbage collector: the owner references above are what deletes the rest.
        if (!cluster.isMock()) {
            await("the StatefulSet garbage-collected", () -> get(StatefulSet.class, NAME) == null ? Boolean.TRUE : null);
        }
    }

    @Test
    void withLeaderElectionTheLeaderReconciles() {
        stopOperator();
        if (cluster.isMock()) {
            // JOSDK checks its Lease permissions with a SelfSubjectRulesReview, which the CRUD mock cannot answer.
            cluster.mockServer().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
                            .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("*")
                            .endResourceRule().withIncomplete(false).endStatus().build())
                    .always();
        }
        startOperator(true);

        create(spec -> { });

        awaitStatefulSet(s -> true);
        Lease lease = await(Lease.class, "stowage-operator-it");
        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();

        try (KubernetesClient standbyClient = cluster.newClient()) {
            OperatorRunner standby = new OperatorRunner(standbyClient, config(true), clock, Metrics.NOOP, NO_PROVISIONING_METRICS, () -> { });
            standby.start();
            // Its informers run without the lead, and readiness gates no traffic: a standby reports ready.
            await("the standby ready", standby::readiness, state -> state == Readiness.State.READY);
            assertThat(get(Lease.class, "stowage-operator-it").getSpec().getHolderIdentity())
                    .isEqualTo(lease.getSpec().getHolderIdentity());
            cluster.settle();
            standby.close();
        }

        // Stopping gives the Lease up at once, so that a standby need not wait for it to expire.
        cluster.settle();
        operator.close();
        Lease released = get(Lease.class, "stowage-operator-it");
        assertThat(released.getSpec().getHolderIdentity()).isNull();
        assertThat(released.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
    }

    private ObjectStore create(Consumer<ObjectStoreSpec> customize) {
        ObjectStore store = TestStores.named(NAME, ns);
        customize.accept(store.getSpec());
        return client.resource(store).create();
    }

    private void edit(Consumer<ObjectStoreSpec> change) {
        TestStores.edit(client, ns, NAME, change);
    }

    private ObjectStore store() {
        return get(ObjectStore.class, NAME);
    }

    private ObjectStore awaitStore(Predicate<ObjectStore> condition) {
        return await("the ObjectStore's status", this::store, condition);
    }

    private Condition awaitCondition(String type, Predicate<Condition> condition) {
        return await("condition " + type, () -> {
            ObjectStore store = store();
            return store.getStatus() == null ? null : condition(store, type);
        }, condition);
    }

    private static Condition condition(ObjectStore store, String type) {
        return store.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    private StatefulSet awaitStatefulSet(Predicate<StatefulSet> condition) {
        return await("the StatefulSet", () -> get(StatefulSet.class, NAME), condition);
    }

    /** What the StatefulSet controller reports when every pod runs the current revision and is ready. */
    private void reportPodsReady() {
        client.apps().statefulSets().inNamespace(ns).withName(NAME).editStatus(s -> {
            s.setStatus(new StatefulSetStatusBuilder()
                    .withReplicas(1).withReadyReplicas(1).withUpdatedReplicas(1).withAvailableReplicas(1)
                    .withObservedGeneration(s.getMetadata().getGeneration())
                    .withCurrentRevision("s3-1").withUpdateRevision("s3-1").build());
            return s;
        });
    }

    private static String image(StatefulSet sts) {
        return sts.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
    }

    private GenericKubernetesResource serviceMonitor() {
        return client.genericKubernetesResources(ServiceMonitorModel.CONTEXT).inNamespace(ns).withName(NAME).get();
    }

    private boolean hasApi(ResourceDefinitionContext context) {
        return client.getApiResources(context.getGroup() + "/" + context.getVersion()) != null;
    }

    private <T extends HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(ns).withName(name).get();
    }

    private <T extends HasMetadata> T await(Class<T> type, String name) {
        return await(type.getSimpleName() + " " + name, () -> get(type, name));
    }

    private static <T> T await(String what, Supplier<T> probe) {
        return Eventually.await(what, probe);
    }

    private static <T> T await(String what, Supplier<T> probe, Predicate<T> condition) {
        return Eventually.await(what, probe, condition);
    }

    private static void assertOwned(HasMetadata object) {
        OwnerReference owner = object.getMetadata().getOwnerReferences().getFirst();
        assertThat(owner.getKind()).as(object.getKind()).isEqualTo("ObjectStore");
        assertThat(owner.getName()).isEqualTo(NAME);
        assertThat(owner.getController()).isTrue();
        assertThat(owner.getBlockOwnerDeletion()).isTrue();
    }

    private static X509Certificate certificate(Secret secret, String key) {
        try {
            return Pem.parseCertificate(SecretData.decode(secret, key));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
