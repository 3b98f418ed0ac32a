package io.stowage.kube.populator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.stowage.kube.TestStores;
import io.stowage.kube.chart.ChartRbac;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.operator.ApiCallRecorder;
import io.stowage.kube.operator.Eventually;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.server.it.StowageServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The volume populator against an API server (fabric8's mock in CRUD mode, or the cluster STOWAGE_IT_KUBECONFIG
 * names) with the data in a real Stowage server in-process, which the size check lists.
 *
 * <p>The test's namespace is the operator's (where the temporaries go); the user's claims live in a second one.
 *
 * <p>What the mock cannot show, and the test plays instead: the PV controller (nothing binds the prime claim to a
 * volume: the test creates a PV and sets the prime claim's volumeName; nothing binds the user's claim after the
 * rebind: the test asserts the PV's claimRef), the scheduler and the kubelet (the pod never runs: the test sets its
 * phase; that {@code stowage populate} fills a volume is the populate module's ITs' business). Those steps need a
 * real cluster with a storage class and the image, so that test runs on the mock only; the others (size check,
 * deletion mid-population, the WaitForFirstConsumer node, ReferenceGrants) run on both.
 */
@ExtendWith(TestClusterExtension.class)
class PopulatorOperatorIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final String IMAGE = "ghcr.io/stowage/stowage:test";

    private TestCluster cluster;
    private KubernetesClient client;
    private String working;
    private String user;
    private String bucket;
    private KubernetesClient operatorClient;
    private Operator operator;
    private final ApiCallRecorder apiCalls = new ApiCallRecorder();

    @BeforeEach
    void setUp(TestCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.working = cluster.namespace();
        this.user = working + "-user";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(user).endMetadata().build()).create();
        bucket = "datasets-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)) {
            s3.createBucket(b -> b.bucket(bucket));
            for (int i = 0; i < 4; i++) {
                int n = i;
                s3.putObject(b -> b.bucket(bucket).key("train/part-" + n), RequestBody.fromBytes(new byte[1000]));
            }
            s3.putObject(b -> b.bucket(bucket).key("other/big"), RequestBody.fromBytes(new byte[100_000]));
        }
        client.secrets().inNamespace(user).resource(new SecretBuilder().withNewMetadata().withName("s3-credentials")
                .endMetadata().withData(Map.of("accessKeyID", SecretData.encode(StowageServerExtension.ACCESS_KEY),
                        "secretAccessKey", SecretData.encode(StowageServerExtension.SECRET_KEY))).build()).create();
        client.resource(source(user)).create();
        startOperator();
    }

    private BucketSource source(String namespace) {
        BucketSource source = new BucketSource();
        source.getMetadata().setName("training");
        source.getMetadata().setNamespace(namespace);
        source.getSpec().setEndpoint(SERVER.endpoint().toString());
        source.getSpec().setBucket(bucket);
        source.getSpec().setPrefix("train/");
        source.getSpec().setCredentialsSecret("s3-credentials");
        return source;
    }

    @AfterEach
    void tearDown() {
        cluster.settle();
        operator.stop();
        operatorClient.close();
        client.namespaces().withName(user).delete();
        ChartRbac.assertAllowedWithPopulator(apiCalls.calls(), working, user, user + "-src");
    }

    private void startOperator() {
        operatorClient = cluster.newClient(apiCalls);
        operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
        operator.register(new PopulatorReconciler(operatorClient, new KubeEvents(operatorClient, Clock.systemUTC()), working,
                IMAGE, List.of(), Duration.ofMillis(500)), c -> c.settingNamespaces(Set.of(user)));
        operator.start();
    }

    @Test
    void aClaimIsPopulatedThroughAPrimeClaimAndAPodThenItsVolumeIsRebound() {
        assumeTrue(cluster.isMock(), "the test plays the PV controller and the kubelet, which a real cluster has");
        PersistentVolumeClaim claim = client.resource(claim("data", "1Mi")).create();
        String temporaries = "populate-" + claim.getMetadata().getUid();

        PersistentVolumeClaim prime = Eventually.await("the prime claim", () -> client.persistentVolumeClaims()
                .inNamespace(working).withName(temporaries).get());
        assertThat(prime.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("1Mi"));
        assertThat(prime.getSpec().getStorageClassName()).isEqualTo("local");
        assertThat(prime.getSpec().getDataSourceRef()).isNull();
        Pod pod = Eventually.await("the populator pod", () -> client.pods().inNamespace(working).withName(temporaries).get());
        assertThat(pod.getSpec().getContainers().getFirst().getImage()).isEqualTo(IMAGE);
        assertThat(pod.getSpec().getContainers().getFirst().getArgs()).containsExactly("populate", "--endpoint",
                SERVER.endpoint().toString(), "--bucket", bucket, "--prefix", "train/", "--target", "/data",
                "--secret-dir", "/secret");
        var copied = client.secrets().inNamespace(working).withName(temporaries).get();
        assertThat(copied.getData()).containsOnlyKeys("accessKeyID", "secretAccessKey");
        assertThat(awaitEvent("data", "PopulatorCreated").getMessage()).contains("4 objects, 4000 bytes")
                .doesNotContain(StowageServerExtension.SECRET_KEY);
        assertThat(client.resource(claim).get().getMetadata().getFinalizers()).contains(PopulatorReconciler.FINALIZER);

        // The pod fails once: reported with its message, replaced.
        finish(pod, "Failed", 1, "listing failed: 503");
        assertThat(awaitEvent("data", "PopulatorFailed").getMessage()).contains("exit code 1: listing failed: 503");
        Pod second = Eventually.await("a new populator pod", () -> client.pods().inNamespace(working).withName(temporaries)
                .get(), p -> !p.getMetadata().getUid().equals(pod.getMetadata().getUid()));

        // The PV controller's part: a volume bound to the prime claim. The kubelet's: the pod succeeded.
        PersistentVolume volume = bindPrime(prime);
        finish(second, "Succeeded", 0, "done");

        PersistentVolume rebound = Eventually.await("the volume rebound to the user's claim", () -> client.persistentVolumes()
                .withName(volume.getMetadata().getName()).get(), pv -> user.equals(pv.getSpec().getClaimRef().getNamespace()));
        assertThat(rebound.getSpec().getClaimRef().getName()).isEqualTo("data");
        assertThat(rebound.getSpec().getClaimRef().getUid()).isEqualTo(claim.getMetadata().getUid());
        assertThat(rebound.getSpec().getClaimRef().getResourceVersion()).isNull();
        assertThat(rebound.getMetadata().getAnnotations()).containsEntry(PopulatorAnnotations.POPULATED_FROM, user + "/training");
        assertThat(awaitEvent("data", "PopulatorFinished").getMessage()).contains(volume.getMetadata().getName());
        Eventually.await("the temporaries deleted", () -> List.of(
                client.persistentVolumeClaims().inNamespace(working).withName(temporaries).get() == null,
                client.pods().inNamespace(working).withName(temporaries).get() == null,
                client.secrets().inNamespace(working).withName(temporaries).get() == null), l -> !l.contains(false));
        PersistentVolumeClaim populated = client.persistentVolumeClaims().inNamespace(user).withName("data").get();
        assertThat(populated.getMetadata().getAnnotations()).containsEntry(PopulatorAnnotations.POPULATED_FROM, user + "/training");
        assertThat(populated.getMetadata().getFinalizers()).doesNotContain(PopulatorReconciler.FINALIZER);
    }

    @Test
    void aPodThatCopiedAllButRefusedKeysFinishesThePopulationWithAWarningInsteadOfRetrying() {
        assumeTrue(cluster.isMock(), "the test plays the PV controller and the kubelet, which a real cluster has");
        PersistentVolumeClaim claim = client.resource(claim("odd", "1Mi")).create();
        String temporaries = "populate-" + claim.getMetadata().getUid();
        PersistentVolumeClaim prime = Eventually.await("the prime claim", () -> client.persistentVolumeClaims()
                .inNamespace(working).withName(temporaries).get());
        Pod pod = Eventually.await("the populator pod", () -> client.pods().inNamespace(working).withName(temporaries).get());
        PersistentVolume volume = bindPrime(prime);

        finish(pod, "Failed", 3, "refused key 'train//x': empty path segment\ndone, but keys were refused: 3 copied");

        Event refused = awaitEvent("odd", "KeysRefused");
        assertThat(refused.getType()).isEqualTo("Warning");
        assertThat(refused.getMessage()).contains("exit code 3").contains("train//x");
        Eventually.await("the volume rebound to the user's claim", () -> client.persistentVolumes()
                .withName(volume.getMetadata().getName()).get(), pv -> user.equals(pv.getSpec().getClaimRef().getNamespace()));
        assertThat(client.v1().events().inNamespace(user).list().getItems()).noneMatch(e -> "odd".equals(e
                .getInvolvedObject().getName()) && "PopulatorFailed".equals(e.getReason()));
    }

    @Test
    void aSourceOnAnObjectStoreWithDefaultTlsIsListedOverHttpsAtItsServiceName() {
        client.resource(TestStores.named("lake", user)).create();
        BucketSource onStore = source(user);
        onStore.getMetadata().setName("lake-data");
        onStore.getSpec().setEndpoint(null);
        onStore.getSpec().setObjectStoreRef("lake");
        client.resource(onStore).create();
        PersistentVolumeClaim claim = claim("lakeside", "1Mi");
        claim.getSpec().getDataSourceRef().setName("lake-data");
        client.resource(claim).create();

        // The service name resolves only inside the cluster: the listing fails, saying where it went.
        Event unavailable = awaitEvent("lakeside", "SourceUnavailable");
        assertThat(unavailable.getMessage()).contains("https://lake." + user + ".svc:");
        client.resource(claim).delete();
    }

    @Test
    void aPodWhoseImageDoesNotPullIsReportedOnceOnTheClaim() {
        assumeTrue(cluster.isMock(), "the test plays the kubelet, which a real cluster has");
        PersistentVolumeClaim claim = client.resource(claim("pulling", "1Mi")).create();
        String temporaries = "populate-" + claim.getMetadata().getUid();
        Pod pod = Eventually.await("the populator pod", () -> client.pods().inNamespace(working).withName(temporaries).get());

        client.pods().inNamespace(working).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(new PodStatus());
            p.getStatus().setPhase("Pending");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName(PopulatorModel.CONTAINER)
                    .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image \"" + IMAGE + "\"").endWaiting().endState().build()));
            return p;
        });

        Event stuck = awaitEvent("pulling", "PopulatorPodStuck");
        assertThat(stuck.getType()).isEqualTo("Warning");
        assertThat(stuck.getMessage()).contains("ImagePullBackOff").contains(IMAGE);
        cluster.settle();
        assertThat(client.v1().events().inNamespace(user).list().getItems().stream().filter(e -> "pulling".equals(e
                .getInvolvedObject().getName()) && "PopulatorPodStuck".equals(e.getReason())).count())
                .as("said once, not at every poll").isEqualTo(1);
        client.resource(claim).delete();
    }

    @Test
    void theWorkersLatestProgressLineGoesToTheClaim() {
        assumeTrue(cluster.isMock(), "the test plays the kubelet and the pod's log, which a real cluster has");
        PersistentVolumeClaim claim = client.resource(claim("progressing", "1Mi")).create();
        String temporaries = "populate-" + claim.getMetadata().getUid();
        Pod pod = Eventually.await("the populator pod", () -> client.pods().inNamespace(working).withName(temporaries).get());
        String line = "420/1200 objects, 19.7 MiB/56.3 MiB, 48.2 MiB/s, 0 failed, 0 refused, 12 s";
        cluster.mockServer().expect().get().withPath("/api/v1/namespaces/" + working + "/pods/" + temporaries
                + "/log?pretty=false&container=" + PopulatorModel.CONTAINER + "&tailLines=5").andReturn(200, "listing\nprogress: " + line + "\n").always();

        client.pods().inNamespace(working).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(new PodStatus());
            p.getStatus().setPhase("Running");
            return p;
        });

        Eventually.await("the progress on the claim", () -> client.persistentVolumeClaims().inNamespace(user)
                .withName("progressing").get(), c -> c.getMetadata().getAnnotations() != null
                && line.equals(c.getMetadata().getAnnotations().get(PopulatorAnnotations.PROGRESS)));
        client.resource(claim).delete();
    }

    @Test
    void aClaimDeletedMidPopulationTakesItsTemporariesWithIt() {
        PersistentVolumeClaim claim = client.resource(claim("doomed", "1Mi")).create();
        String temporaries = "populate-" + claim.getMetadata().getUid();
        Eventually.await("the populator pod", () -> client.pods().inNamespace(working).withName(temporaries).get());
        assertThat(client.resource(claim).get().getMetadata().getFinalizers()).contains(PopulatorReconciler.FINALIZER);

        client.resource(claim).delete();

        Eventually.await("the claim and its temporaries deleted", () -> List.of(
                client.persistentVolumeClaims().inNamespace(user).withName("doomed").get() == null,
                client.persistentVolumeClaims().inNamespace(working).withName(temporaries).get() == null,
                client.pods().inNamespace(working).withName(temporaries).get() == null,
                client.secrets().inNamespace(working).withName(temporaries).get() == null), l -> !l.contains(false));
    }

    @Test
    void aWaitForFirstConsumerClaimWaitsForTheSchedulersNodeAndItsPodRunsThere() {
        String storageClass = "wffc-" + UUID.randomUUID().toString().substring(0, 8);
        client.resource(new StorageClassBuilder().withNewMetadata().withName(storageClass).endMetadata()
                .withProvisioner("example.com/none").withVolumeBindingMode("WaitForFirstConsumer").build()).create();
        try {
            PersistentVolumeClaim waiting = claim("later", "1Mi");
            waiting.getSpec().setStorageClassName(storageClass);
            PersistentVolumeClaim claim = client.resource(waiting).create();
            String temporaries = "populate-" + claim.getMetadata().getUid();
            cluster.settle();
            assertThat(client.persistentVolumeClaims().inNamespace(working).withName(temporaries).get())
                    .as("no prime claim before the scheduler picked a node").isNull();

            // The scheduler's part, once a pod uses the claim.
            client.resource(claim).edit(c -> {
                c.getMetadata().setAnnotations(Map.of(PopulatorAnnotations.SELECTED_NODE, "node-7"));
                return c;
            });

            Pod pod = Eventually.await("the populator pod", () -> client.pods().inNamespace(working).withName(temporaries).get());
            assertThat(pod.getSpec().getNodeName()).isEqualTo("node-7");
            assertThat(client.persistentVolumeClaims().inNamespace(working).withName(temporaries).get().getMetadata()
                    .getAnnotations()).containsEntry(PopulatorAnnotations.SELECTED_NODE, "node-7");
        } finally {
            client.resource(claim("later", "1Mi")).delete();
            client.storage().v1().storageClasses().withName(storageClass).delete();
        }
    }

    @Test
    void aSourceInAnotherNamespaceIsUsedOnlyWithAReferenceGrantThere() {
        String sources = user + "-src"; // watched, as the BucketSource's namespace must be: tearDown's RBAC check
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(sources).endMetadata().build()).create();
        try {
            client.secrets().inNamespace(sources).resource(new SecretBuilder().withNewMetadata().withName("s3-credentials")
                    .endMetadata().withData(Map.of("accessKeyID", SecretData.encode(StowageServerExtension.ACCESS_KEY),
                            "secretAccessKey", SecretData.encode(StowageServerExtension.SECRET_KEY))).build()).create();
            client.resource(source(sources)).create();
            PersistentVolumeClaim foreign = claim("foreign", "1Mi");
            foreign.getSpec().getDataSourceRef().setNamespace(sources);
            PersistentVolumeClaim claim = client.resource(foreign).create();
            assumeTrue(sources.equals(claim.getSpec().getDataSourceRef().getNamespace()),
                    "the API server dropped dataSourceRef.namespace: its CrossNamespaceVolumeDataSource gate is off");
            String temporaries = "populate-" + claim.getMetadata().getUid();

            Event refused = awaitEvent("foreign", "ReferenceGrantMissing");
            assertThat(refused.getType()).isEqualTo("Warning");
            assertThat(refused.getMessage()).contains(sources + "/training").contains("ReferenceGrant");
            assertThat(client.persistentVolumeClaims().inNamespace(working).withName(temporaries).get()).isNull();

            GenericKubernetesResource grant = new GenericKubernetesResourceBuilder()
                    .withApiVersion("gateway.networking.k8s.io/v1beta1").withKind("ReferenceGrant")
                    .withNewMetadata().withName("claims-of-" + user).withNamespace(sources).endMetadata().build();
            grant.setAdditionalProperty("spec", Map.of(
                    "from", List.of(Map.of("group", "", "kind", "PersistentVolumeClaim", "namespace", user)),
                    "to", List.of(Map.of("group", BucketSource.GROUP, "kind", BucketSource.KIND, "name", "training"))));
            client.genericKubernetesResources(ReferenceGrants.REFERENCE_GRANT).inNamespace(sources).resource(grant).create();
            // The refusal is looked at again within a minute; a change of the claim makes it at once.
            client.resource(claim).edit(c -> {
                c.getMetadata().setAnnotations(Map.of("touched", "now"));
                return c;
            });

            Eventually.await("the prime claim", () -> client.persistentVolumeClaims().inNamespace(working)
                    .withName(temporaries).get());
            client.resource(claim).delete();
            Eventually.await("the temporaries deleted", () -> client.pods().inNamespace(working).withName(temporaries).get()
                    == null, gone -> gone);
        } finally {
            client.namespaces().withName(sources).delete();
        }
    }

    @Test
    void aClaimSmallerThanTheDataIsRefusedWithItsSizesAndNothingIsCreated() {
        client.resource(claim("small", "3000")).create();

        Event event = awaitEvent("small", "SourceTooLarge");
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getMessage()).contains("4000 bytes in 4 objects").contains("3000 (3000 bytes)");
        PersistentVolumeClaim refused = Eventually.await("the refusal annotation", () -> client.persistentVolumeClaims()
                .inNamespace(user).withName("small").get(), c -> c.getMetadata().getAnnotations() != null
                && c.getMetadata().getAnnotations().containsKey(PopulatorAnnotations.SIZE_REFUSED));
        assertThat(refused.getMetadata().getAnnotations().get(PopulatorAnnotations.SIZE_REFUSED)).isEqualTo(event.getMessage());
        String temporaries = "populate-" + refused.getMetadata().getUid();
        assertThat(client.persistentVolumeClaims().inNamespace(working).withName(temporaries).get()).isNull();
        assertThat(client.pods().inNamespace(working).withName(temporaries).get()).isNull();
        assertThat(client.secrets().inNamespace(working).withName(temporaries).get()).isNull();
    }

    private PersistentVolumeClaim claim(String name, String size) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(user).withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("local")
                .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources()
                .withNewDataSourceRef().withApiGroup(BucketSource.GROUP).withKind(BucketSource.KIND).withName("training")
                .endDataSourceRef().endSpec().build();
    }

    /** The PV controller's part: a volume bound to the prime claim. */
    private PersistentVolume bindPrime(PersistentVolumeClaim prime) {
        String name = prime.getMetadata().getName();
        PersistentVolume volume = client.resource(new PersistentVolumeBuilder().withNewMetadata().withName("pv-" + name)
                .endMetadata().withNewSpec().withCapacity(Map.of("storage", new Quantity("1Mi")))
                .withAccessModes("ReadWriteOnce").withStorageClassName("local").withNewHostPath("/tmp/pv", null)
                .withNewClaimRef().withNamespace(working).withName(name).withUid(prime.getMetadata().getUid())
                .withResourceVersion(prime.getMetadata().getResourceVersion()).endClaimRef().endSpec().build()).create();
        client.persistentVolumeClaims().inNamespace(working).withName(name)
                .edit(p -> { p.getSpec().setVolumeName(volume.getMetadata().getName()); return p; });
        return volume;
    }

    /** The kubelet's part: the pod's container ended with this exit code and termination message. */
    private void finish(Pod pod, String phase, int exitCode, String message) {
        client.pods().inNamespace(working).withName(pod.getMetadata().getName()).editStatus(p -> {
            if (p.getStatus() == null) {
                p.setStatus(new PodStatus());
            }
            p.getStatus().setPhase(phase);
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName(PopulatorModel.CONTAINER)
                    .withNewState().withTerminated(new ContainerStateTerminatedBuilder().withExitCode(exitCode)
                            .withMessage(message).build()).endState().build()));
            return p;
        });
    }

    private Event awaitEvent(String claim, String reason) {
        return Eventually.await("event " + reason + " on claim " + claim, () -> client.v1().events().inNamespace(user).list()
                .getItems().stream().filter(e -> claim.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .findFirst().orElse(null));
    }
}
