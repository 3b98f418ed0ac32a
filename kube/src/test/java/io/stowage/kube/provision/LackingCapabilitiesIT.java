package io.stowage.kube.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.ResolvedCosiBackends;
import io.stowage.kube.cosi.crd.BucketClaim;
import io.stowage.kube.cosi.crd.BucketClass;
import io.stowage.kube.cosi.crd.CosiApi;
import io.stowage.kube.cosi.operator.BucketClaimReconciler;
import io.stowage.kube.cosi.operator.BucketReconciler;
import io.stowage.kube.cosi.operator.CosiAnnotations;
import io.stowage.kube.cosi.v1alpha1.ProvisionerService;
import io.stowage.kube.cosi.v1alpha1.proto.AuthenticationType;
import io.stowage.kube.cosi.v1alpha1.proto.DriverCreateBucketRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverCreateBucketResponse;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGrantBucketAccessRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGrantBucketAccessResponse;
import io.stowage.kube.obc.ClaimPhase;
import io.stowage.kube.obc.ObcReconciler;
import io.stowage.kube.obc.ObjectBucketClaim;
import io.stowage.kube.operator.Eventually;
import io.stowage.kube.operator.ProvisioningConfig;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.secretclaim.ClaimAnnotations;
import io.stowage.kube.secretclaim.SecretClaimReconciler;
import io.stowage.kube.secretclaim.SecretClaimSettings;
import io.stowage.server.it.StowageServerExtension;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each front end on a backend that lacks what a claim asks for (the in-process Stowage server behind a
 * {@link LackingBackend} declaring no bucket quotas, owner changes, read-only grants or bucket tags): the claim fails
 * with a clear status and a Warning event naming the missing capability, nothing is made on the backend, and what
 * the backend can do still works.
 */
@ExtendWith(TestClusterExtension.class)
class LackingCapabilitiesIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final String BACKEND_SECRET = "lacking-backend";
    private static final String DRIVER = "stowage.io";

    private TestCluster cluster;
    private KubernetesClient client;
    private String ns;
    private String suffix;
    private BucketBackend admin;
    private KubernetesClient operatorClient;
    private BackendResolver resolver;
    private Operator operator;

    @BeforeEach
    void start(TestCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.ns = cluster.namespace();
        this.suffix = UUID.randomUUID().toString().substring(0, 8);
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(ns).withName(BACKEND_SECRET).endMetadata()
                .withData(TestBackends.encoded(TestBackends.settings(SERVER))).build()).create();
        admin = TestBackends.open(SERVER);
        operatorClient = cluster.newClient();
        resolver = new BackendResolver(operatorClient, LackingCapabilitiesIT::lacking);
        operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
    }

    @AfterEach
    void stop() {
        cluster.settle();
        operator.stop();
        resolver.close();
        operatorClient.close();
        admin.close();
    }

    private static BucketBackend lacking(BackendSettings settings) {
        return new LackingBackend(BucketBackends.open(settings), LackingBackend.lackingFrontEndCapabilities());
    }

    @Test
    void anObjectBucketClaimAskingForAQuotaOrReadOnlyAccessFailsBeforeAnythingIsMade() {
        operator.register(new ObcReconciler(operatorClient, resolver, new ProvisioningMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC(), ProvisioningConfig.DEFAULT_ROTATION_GRACE), c -> c.settingNamespaces(ns));
        operator.start();
        String storageClass = "lacking-" + suffix;
        client.resource(new StorageClassBuilder().withNewMetadata().withName(storageClass).endMetadata()
                .withProvisioner("stowage.io/bucket").withReclaimPolicy("Delete")
                .withParameters(Map.of("backendSecret", ns + "/" + BACKEND_SECRET)).build()).create();
        createObc("quota", storageClass, Map.of("maxSize", "1Mi"));
        createObc("reader", storageClass, Map.of("access", "read-only"));
        createObc("plain", storageClass, Map.of());

        for (String claim : List.of("quota", "reader")) {
            ObjectBucketClaim failed = awaitObcPhase(claim, ClaimPhase.Failed);
            assertThat(failed.getMetadata().getFinalizers()).isEmpty();
            assertThat(admin.findBucket(claim + "-" + suffix)).isEmpty();
            assertThat(client.secrets().inNamespace(ns).withName(claim).get()).isNull();
        }
        assertThat(warning(ns, "quota").getMessage()).contains("backend Secret " + ns + "/" + BACKEND_SECRET,
                "no bucketQuota (bucket quotas in bytes)", "nothing was created");
        assertThat(warning(ns, "reader").getMessage()).contains("no readOnlyGrants (read-only access)");
        // what the backend can do, it does
        awaitObcPhase("plain", ClaimPhase.Bound);
        assertThat(admin.findBucket("plain-" + suffix)).isPresent();
    }

    @Test
    void theCosiDriverAnswersInvalidArgumentForAQuotaOrAReadOnlyGrantAndGoesOnWithoutBucketTags() throws Exception {
        BucketBackend backend = lacking(BackendSettings.fromSecretData(TestBackends.settings(SERVER)));
        ProvisionerService driver = new ProvisionerService(new CosiProvisioner(DRIVER, new ResolvedCosiBackends(null, backend), ns));
        String quota = "quota-" + suffix;
        String plain = "plain-" + suffix;

        Status refused = LackingCapabilitiesIT.<DriverCreateBucketResponse>status(o -> driver.driverCreateBucket(DriverCreateBucketRequest.newBuilder().setName(quota)
                .putParameters("maxObjects", "10").build(), o));
        assertThat(refused.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getDescription()).contains("the driver's default backend", "no objectQuota");
        assertThat(admin.findBucket(quota)).isEmpty();

        CompletableFuture<DriverCreateBucketResponse> created = new CompletableFuture<>();
        driver.driverCreateBucket(DriverCreateBucketRequest.newBuilder().setName(plain).build(), observer(created));
        String bucketId = created.get(30, TimeUnit.SECONDS).getBucketId();
        assertThat(admin.findBucket(plain)).isPresent();
        assertThat(admin.bucketTags(plain)).isEmpty();

        String account = "ba-" + suffix;
        Status readOnly = LackingCapabilitiesIT.<DriverGrantBucketAccessResponse>status(o -> driver.driverGrantBucketAccess(DriverGrantBucketAccessRequest.newBuilder()
                .setBucketId(bucketId).setName(account).setAuthenticationType(AuthenticationType.Key)
                .putParameters(CosiProvisioner.ACCESS_MODE, "read-only").build(), o));
        assertThat(readOnly.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(readOnly.getDescription()).contains("no readOnlyGrants");
        assertThat(admin.keys(account)).isEmpty();
        backend.close();
    }

    @Test
    void aCosiBucketClaimAskingForAQuotaGetsAWarningAndNoBucket() {
        CosiProvisioner provisioner = new CosiProvisioner(DRIVER, new ResolvedCosiBackends(resolver, null), ns);
        KubeEvents events = new KubeEvents(operatorClient, Clock.systemUTC());
        ProvisioningMetrics metrics = new ProvisioningMetrics(new SimpleMeterRegistry());
        operator.register(new BucketReconciler(operatorClient, provisioner, events, metrics, Set.of(ns)),
                c -> c.watchingAllNamespaces());
        operator.register(new BucketClaimReconciler(operatorClient, events, metrics), c -> c.settingNamespace(ns));
        operator.start();
        BucketClass bucketClass = new BucketClass();
        bucketClass.getMetadata().setName("lacking-" + suffix);
        bucketClass.setDriverName(DRIVER);
        bucketClass.setDeletionPolicy(CosiApi.DELETION_POLICY_DELETE);
        bucketClass.setParameters(Map.of(CosiProvisioner.BACKEND_SECRET, BACKEND_SECRET));
        client.resource(bucketClass).create();
        BucketClaim claim = new BucketClaim();
        claim.getMetadata().setNamespace(ns);
        claim.getMetadata().setName("data");
        claim.getMetadata().setAnnotations(Map.of(CosiAnnotations.MAX_OBJECTS, "10"));
        claim.getSpec().setBucketClassName(bucketClass.getMetadata().getName());
        claim.getSpec().setProtocols(List.of(CosiApi.PROTOCOL_S3));
        claim = client.resource(claim).create();

        assertThat(warning(ns, "data").getMessage()).contains("no objectQuota");
        assertThat(admin.findBucket(CosiApi.bucketName(claim))).isEmpty();
        BucketClaim current = client.resources(BucketClaim.class).inNamespace(ns).withName("data").get();
        assertThat(current.getStatus() == null || !Boolean.TRUE.equals(current.getStatus().getBucketReady())).isTrue();
    }

    @Test
    void anAnnotatedSecretOnABackendWithoutOwnerChangesGetsAWarningAndNoBucket() {
        operator.register(new SecretClaimReconciler(operatorClient, resolver, new KubeEvents(operatorClient, Clock.systemUTC()),
                new ProvisioningMetrics(new SimpleMeterRegistry()), Clock.systemUTC(),
                new SecretClaimSettings(Optional.of(new BackendRef(ns, BACKEND_SECRET)))), c -> c.settingNamespaces(Set.of(ns)));
        operator.start();
        String bucket = "secret-" + suffix;
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(ns).withName("app")
                .withAnnotations(Map.of(ClaimAnnotations.STOWAGE, "true")).endMetadata()
                .withData(TestBackends.encoded(Map.of("bucket-name", bucket, "access-key", "AKLACKING" + suffix.toUpperCase(),
                        "access-secret", "s3cr3t-" + UUID.randomUUID()))).build()).create();

        assertThat(warning(ns, "app").getMessage()).contains("no ownerChange");
        assertThat(admin.findBucket(bucket)).isEmpty();
        assertThat(client.secrets().inNamespace(ns).withName("app").get().getMetadata().getAnnotations())
                .doesNotContainKey(ClaimAnnotations.PROVISIONED);
    }

    private void createObc(String name, String storageClass, Map<String, String> additionalConfig) {
        ObjectBucketClaim claim = new ObjectBucketClaim();
        claim.getMetadata().setNamespace(ns);
        claim.getMetadata().setName(name);
        claim.getSpec().setStorageClassName(storageClass);
        claim.getSpec().setBucketName(name + "-" + suffix);
        claim.getSpec().setAdditionalConfig(new HashMap<>(additionalConfig));
        client.resource(claim).create();
    }

    private ObjectBucketClaim awaitObcPhase(String name, ClaimPhase phase) {
        return Eventually.await("claim " + name + " " + phase, () -> client.resources(ObjectBucketClaim.class)
                .inNamespace(ns).withName(name).get(), c -> c.getStatus() != null && c.getStatus().getPhase() == phase);
    }

    /** The Warning event saying that the backend lacks a capability, on the object named. */
    private Event warning(String namespace, String object) {
        return Eventually.await("a " + Capability.REFUSED_REASON + " event on " + object, () -> client.v1().events()
                .inNamespace(namespace).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()) && Capability.REFUSED_REASON.equals(e.getReason())
                        && object.equals(e.getInvolvedObject().getName()))
                .findFirst().orElse(null));
    }

    private interface Rpc<T> {
        void call(StreamObserver<T> observer);
    }

    private static <T> Status status(Rpc<T> rpc) throws Exception {
        CompletableFuture<T> answer = new CompletableFuture<>();
        rpc.call(observer(answer));
        try {
            answer.get(30, TimeUnit.SECONDS);
            return Status.OK;
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause());
        }
    }

    private static <T> StreamObserver<T> observer(CompletableFuture<T> answer) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        };
    }
}
