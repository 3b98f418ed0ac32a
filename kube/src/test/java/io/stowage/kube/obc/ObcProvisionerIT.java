package io.stowage.kube.obc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.admin.client.AdminClient;
import io.stowage.backend.AccessKey;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.chart.ChartRbac;
import io.stowage.kube.operator.ApiCallRecorder;
import io.stowage.kube.operator.Eventually;
import io.stowage.kube.operator.FailingSecretWrites;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.kube.provision.TestBackends;
import io.stowage.server.it.StowageServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The ObjectBucketClaim provisioner against an API server (fabric8's mock in CRUD mode, or the cluster
 * STOWAGE_IT_KUBECONFIG names) and a real Stowage server started in-process. Credentials are proven with
 * the AWS SDK; the server's state (buckets, quotas, an account's keys) is read through its admin API.
 *
 * <p>What the mock cannot show, and these tests do not claim on it: garbage collection (the Secret and
 * ConfigMap of a deleted claim stay on the mock; the tests check their owner references and that their
 * finalizers are gone), RBAC, and admission or schema validation of the claims.
 */
@ExtendWith(TestClusterExtension.class)
class ObcProvisionerIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final String BACKEND_SECRET = "stowage-backend";
    /** Short enough for the test to wait out, long enough to use the old key within it. */
    private static final Duration ROTATION_GRACE = Duration.ofSeconds(3);

    private TestCluster cluster;
    private KubernetesClient client;
    private String ns;
    private final List<String> storageClasses = new ArrayList<>();
    private final List<Running> operators = new ArrayList<>();
    private BucketBackend admin;
    private AdminClient adminClient;
    private SimpleMeterRegistry registry;
    private final ApiCallRecorder apiCalls = new ApiCallRecorder();
    private final FailingSecretWrites failingWrites = new FailingSecretWrites();

    private record Running(KubernetesClient client, BackendResolver resolver, Operator operator) {
    }

    @BeforeEach
    void start(TestCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.ns = cluster.namespace();
        admin = TestBackends.open(SERVER);
        adminClient = AdminClient.builder(SERVER.adminEndpoint()).token(StowageServerExtension.ADMIN_TOKEN).build();
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(ns).withName(BACKEND_SECRET).endMetadata()
                .withData(TestBackends.encoded(TestBackends.settings(SERVER))).build()).create();
        registry = new SimpleMeterRegistry();
        startOperator();
    }

    @AfterEach
    void stop() {
        cluster.settle();
        stopOperators();
        for (String name : storageClasses) {
            client.storage().v1().storageClasses().withName(name).delete();
        }
        admin.close();
        adminClient.close();
        ChartRbac.assertAllowed(apiCalls.calls(), ns);
    }

    private void startOperator() {
        KubernetesClient operatorClient = cluster.newClient(apiCalls, failingWrites);
        BackendResolver resolver = new BackendResolver(operatorClient);
        Operator operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
        operator.register(new ObcReconciler(operatorClient, resolver, new ProvisioningMetrics(registry), Clock.systemUTC(),
                ROTATION_GRACE),
                c -> c.settingNamespaces(ns));
        operator.start();
        operators.add(new Running(operatorClient, resolver, operator));
    }

    private void stopOperators() {
        for (Running running : operators) {
            running.operator().stop();
            running.resolver().close();
            running.client().close();
        }
        operators.clear();
    }

    @Test
    void aGreenfieldClaimIsBoundWithCredentialsForItsBucketOnly() {
        String storageClass = storageClass("Delete", Map.of());
        Instant start = Instant.now();
        createClaim("photos", storageClass, spec -> spec.setGenerateBucketName("photos"));

        ObjectBucketClaim claim = awaitPhase("photos", ClaimPhase.Bound);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        String bucket = claim.getSpec().getBucketName();
        assertThat(bucket).matches("photos-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(claim.getSpec().getObjectBucketName()).isEqualTo("obc-" + ns + "-photos");
        assertThat(claim.getMetadata().getFinalizers()).contains("objectbucket.io/finalizer");
        assertThat(claim.getMetadata().getLabels()).containsEntry("bucket-provisioner", "stowage.io-bucket");
        assertThat(admin.findBucket(bucket)).isPresent();

        Secret secret = client.secrets().inNamespace(ns).withName("photos").get();
        assertOwnedBy(secret, claim);
        ConfigMap config = client.configMaps().inNamespace(ns).withName("photos").get();
        assertOwnedBy(config, claim);
        assertThat(config.getData()).containsEntry("BUCKET_NAME", bucket)
                .containsEntry("BUCKET_HOST", SERVER.endpoint().getHost())
                .containsEntry("BUCKET_PORT", Integer.toString(SERVER.endpoint().getPort()))
                .containsEntry("BUCKET_REGION", StowageServerExtension.REGION)
                .containsEntry("BUCKET_SUBREGION", "")
                .containsEntry("BUCKET_ENDPOINT", SERVER.endpoint().toString().replaceAll("/$", ""))
                .containsEntry("BUCKET_ADDRESSING_STYLE", "path")
                .doesNotContainKey("BUCKET_CA_BUNDLE");

        ObjectBucket ob = Eventually.await("the ObjectBucket bound", () -> objectBucket("photos"),
                o -> o.getStatus() != null && o.getStatus().getPhase() == BucketPhase.Bound);
        assertThat(ob.getSpec().getClaimRef().getUid()).isEqualTo(claim.getMetadata().getUid());
        assertThat(ob.getSpec().getEndpoint().getBucketName()).isEqualTo(bucket);
        assertThat(ob.getSpec().getReclaimPolicy()).isEqualTo("Delete");
        assertThat(ob.getMetadata().getFinalizers()).containsExactly("objectbucket.io/finalizer");

        String other = "other-" + ns;
        admin.createBucket(other, BucketQuota.NONE);
        try (S3Client s3 = s3(secret)) {
            s3.putObject(b -> b.bucket(bucket).key("a.txt"), RequestBody.fromString("hello"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("a.txt")).asUtf8String()).isEqualTo("hello");
            assertThat(status(() -> s3.putObject(b -> b.bucket(other).key("a.txt"), RequestBody.fromString("x")))).isEqualTo(403);
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(other)))).isEqualTo(403);
        }
        assertThat(admin.keys(account(claim))).containsExactly(key(secret).id());
        assertThat(events("photos", "Bound")).isNotEmpty();
        Counter provisioned = registry.find("stowage_provisioning_provisioned").tag("frontend", "obc").counter();
        assertThat(provisioned.count()).isEqualTo(1.0);
    }

    @Test
    void aReadOnlyClaimCanReadButNotWriteUntilItsAccessChanges(S3Client root) {
        String storageClass = storageClass("Delete", Map.of());
        createClaim("reader", storageClass, spec -> {
            spec.setBucketName("reader-" + ns);
            spec.getAdditionalConfig().put("access", "read-only");
        });
        awaitPhase("reader", ClaimPhase.Bound);
        root.putObject(b -> b.bucket("reader-" + ns).key("k"), RequestBody.fromString("v"));

        try (S3Client s3 = s3(client.secrets().inNamespace(ns).withName("reader").get())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("reader-" + ns).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> s3.putObject(b -> b.bucket("reader-" + ns).key("k2"), RequestBody.fromString("v"))))
                    .isEqualTo(403);

            // the access mode may change after binding: the same key follows it
            editClaim("reader", c -> c.getSpec().getAdditionalConfig().put("access", "read-write"));

            Eventually.await("the key allowed to write", () -> status(() -> s3.putObject(b -> b.bucket("reader-" + ns).key("k2"),
                    RequestBody.fromString("v"))), code -> code == 0);
        }
    }

    @Test
    void aBrownfieldClaimGetsAccessToTheClassBucketWhichOutlivesIt(S3Client root) {
        String shared = "shared-" + ns;
        admin.createBucket(shared, BucketQuota.NONE);
        root.putObject(b -> b.bucket(shared).key("existing"), RequestBody.fromString("old"));
        String storageClass = storageClass("Delete", Map.of("bucketName", shared));
        createClaim("legacy", storageClass, spec -> { });

        ObjectBucketClaim claim = awaitPhase("legacy", ClaimPhase.Bound);
        assertThat(client.configMaps().inNamespace(ns).withName("legacy").get().getData()).containsEntry("BUCKET_NAME", shared);
        assertThat(objectBucket("legacy").getSpec().getAdditionalState()).containsEntry("stowage.io/bucket-origin", "existing");
        Secret secret = client.secrets().inNamespace(ns).withName("legacy").get();
        try (S3Client s3 = s3(secret)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(shared).key("existing")).asUtf8String()).isEqualTo("old");
            s3.putObject(b -> b.bucket(shared).key("new"), RequestBody.fromString("v"));

            deleteClaim("legacy");

            assertThat(admin.findBucket(shared)).isPresent();
            assertThat(root.getObjectAsBytes(b -> b.bucket(shared).key("new")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(shared).key("existing")))).isEqualTo(403);
        }
        assertThat(admin.keys(account(claim))).isEmpty();
        assertThat(events("legacy", "AccessRevoked")).isNotEmpty();
    }

    @Test
    void theQuotaIsSetAtClaimTimeAndFollowsChanges() {
        String storageClass = storageClass("Delete", Map.of("maxSize", "10Gi", "maxObjects", "100"));
        createClaim("quota", storageClass, spec -> {
            spec.setBucketName("quota-" + ns);
            spec.getAdditionalConfig().put("maxObjects", "1");
        });
        awaitPhase("quota", ClaimPhase.Bound);
        String bucket = "quota-" + ns;
        assertThat(admin.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(10L << 30, 1));

        try (S3Client s3 = s3(client.secrets().inNamespace(ns).withName("quota").get())) {
            s3.putObject(b -> b.bucket(bucket).key("one"), RequestBody.fromString("1"));
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucket).key("two"), RequestBody.fromString("2")))).isNotZero();

            editClaim("quota", c -> {
                c.getSpec().getAdditionalConfig().put("maxObjects", "3");
                c.getSpec().getAdditionalConfig().put("maxSize", "1Mi");
            });

            Eventually.await("the new quota on the server", () -> admin.findBucket(bucket).orElseThrow().quota(),
                    q -> q.equals(new BucketQuota(1L << 20, 3)));
            s3.putObject(b -> b.bucket(bucket).key("two"), RequestBody.fromString("2"));
        }
        assertThat(events("quota", "QuotaUpdated")).isNotEmpty();
    }

    @Test
    void aBoundClaimsBucketCannotChange() {
        String storageClass = storageClass("Delete", Map.of());
        createClaim("fixed", storageClass, spec -> spec.setBucketName("fixed-" + ns));
        awaitPhase("fixed", ClaimPhase.Bound);

        editClaim("fixed", c -> c.getSpec().setBucketName("moved-" + ns));

        Eventually.await("a ClaimChanged event", () -> events("fixed", "ClaimChanged"), e -> !e.isEmpty());
        assertThat(claim("fixed").getStatus().getPhase()).isEqualTo(ClaimPhase.Bound);
        assertThat(admin.findBucket("moved-" + ns)).isEmpty();
        assertThat(client.configMaps().inNamespace(ns).withName("fixed").get().getData()).containsEntry("BUCKET_NAME", "fixed-" + ns);
    }

    @Test
    void rotationReplacesTheKeyOncePerRequestAndRetiresTheOldOneAfterTheGrace() {
        String storageClass = storageClass("Delete", Map.of());
        createClaim("rotating", storageClass, spec -> spec.setBucketName("rotating-" + ns));
        ObjectBucketClaim claim = awaitPhase("rotating", ClaimPhase.Bound);
        String bucket = "rotating-" + ns;
        AccessKey old = key(client.secrets().inNamespace(ns).withName("rotating").get());

        editClaim("rotating", c -> c.getMetadata().getAnnotations().put("stowage.io/rotate-credentials", "2026-11-22"));

        Secret rotated = Eventually.await("a new key in the Secret", () -> client.secrets().inNamespace(ns).withName("rotating").get(),
                s -> !key(s).id().equals(old.id()));
        AccessKey fresh = key(rotated);
        assertThat(rotated.getMetadata().getAnnotations()).containsEntry("stowage.io/credentials-rotated", "2026-11-22")
                .containsEntry("stowage.io/retiring-key", old.id()).containsKey("stowage.io/retire-at");
        // within the grace both keys work: a pod still reading the old Secret is not cut off
        try (S3Client newS3 = SERVER.s3As(fresh.id(), fresh.secret()); S3Client oldS3 = SERVER.s3As(old.id(), old.secret())) {
            newS3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(oldS3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(admin.keys(account(claim))).containsExactlyInAnyOrder(old.id(), fresh.id());
        assertThat(events("rotating", "CredentialsRotated")).hasSize(1);
        assertThat(events("rotating", "KeyRetired")).isEmpty();

        Eventually.await("only the new key on the account", () -> admin.keys(account(claim)), k -> k.equals(List.of(fresh.id())));
        try (S3Client newS3 = SERVER.s3As(fresh.id(), fresh.secret()); S3Client oldS3 = SERVER.s3As(old.id(), old.secret())) {
            assertThat(newS3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> oldS3.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
        }
        Eventually.await("a KeyRetired event", () -> events("rotating", "KeyRetired"), e -> e.size() == 1);

        // another change of the claim does not rotate again
        editClaim("rotating", c -> c.getMetadata().getAnnotations().put("touched", "yes"));
        letTheOperatorCatchUp();
        assertThat(key(client.secrets().inNamespace(ns).withName("rotating").get())).isEqualTo(fresh);
    }

    @Test
    void aRotationWhoseSecretWriteFailsKeepsTheOldKeyUntilTheSecretHoldsTheNewOne() {
        String storageClass = storageClass("Delete", Map.of());
        createClaim("rotating", storageClass, spec -> spec.setBucketName("rotating-" + ns));
        ObjectBucketClaim claim = awaitPhase("rotating", ClaimPhase.Bound);
        String bucket = "rotating-" + ns;
        AccessKey old = key(client.secrets().inNamespace(ns).withName("rotating").get());

        failingWrites.arm(ns, "rotating");
        editClaim("rotating", c -> c.getMetadata().getAnnotations().put("stowage.io/rotate-credentials", "r1"));
        Eventually.await("two failed writes of the Secret", failingWrites::refused, n -> n >= 2);

        Secret unchanged = client.secrets().inNamespace(ns).withName("rotating").get();
        assertThat(key(unchanged)).isEqualTo(old);
        assertThat(unchanged.getMetadata().getAnnotations()).doesNotContainKey("stowage.io/credentials-rotated");
        assertThat(admin.keys(account(claim))).contains(old.id());
        try (S3Client oldS3 = SERVER.s3As(old.id(), old.secret())) {
            oldS3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(oldS3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(events("rotating", "CredentialsRotated")).isEmpty();

        failingWrites.disarm();

        Secret rotated = Eventually.await("a new key in the Secret", () -> client.secrets().inNamespace(ns).withName("rotating").get(),
                s -> !key(s).id().equals(old.id()));
        AccessKey fresh = key(rotated);
        Eventually.await("only the new key on the account", () -> admin.keys(account(claim)), k -> k.equals(List.of(fresh.id())));
        try (S3Client newS3 = SERVER.s3As(fresh.id(), fresh.secret()); S3Client oldS3 = SERVER.s3As(old.id(), old.secret())) {
            assertThat(newS3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> oldS3.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
        }
    }

    @Test
    void readWriteAndReadOnlyClaimsShareABrownfieldBucket(S3Client root) {
        String shared = "team-" + ns;
        admin.createBucket(shared, BucketQuota.NONE);
        root.putObject(b -> b.bucket(shared).key("existing"), RequestBody.fromString("old"));
        String storageClass = storageClass("Retain", Map.of("bucketName", shared));
        createClaim("writer", storageClass, spec -> { });
        createClaim("reader", storageClass, spec -> spec.getAdditionalConfig().put("access", "read-only"));

        ObjectBucketClaim writerClaim = awaitPhase("writer", ClaimPhase.Bound);
        ObjectBucketClaim readerClaim = awaitPhase("reader", ClaimPhase.Bound);
        assertThat(client.configMaps().inNamespace(ns).withName("reader").get().getData()).containsEntry("BUCKET_NAME", shared);
        AccessKey writerKey = key(client.secrets().inNamespace(ns).withName("writer").get());
        AccessKey readerKey = key(client.secrets().inNamespace(ns).withName("reader").get());
        assertThat(readerKey.id()).isNotEqualTo(writerKey.id());
        assertThat(admin.keys(account(writerClaim))).containsExactly(writerKey.id());
        assertThat(admin.keys(account(readerClaim))).containsExactly(readerKey.id());

        try (S3Client writer = SERVER.s3As(writerKey.id(), writerKey.secret());
             S3Client reader = SERVER.s3As(readerKey.id(), readerKey.secret())) {
            writer.putObject(b -> b.bucket(shared).key("new"), RequestBody.fromString("v"));
            assertThat(writer.getObjectAsBytes(b -> b.bucket(shared).key("existing")).asUtf8String()).isEqualTo("old");

            assertThat(reader.getObjectAsBytes(b -> b.bucket(shared).key("new")).asUtf8String()).isEqualTo("v");
            assertThat(reader.listObjectsV2(b -> b.bucket(shared)).contents()).extracting(o -> o.key())
                    .containsExactlyInAnyOrder("existing", "new");
            assertThat(status(() -> reader.putObject(b -> b.bucket(shared).key("k2"), RequestBody.fromString("v"))))
                    .isEqualTo(403);
            assertThat(status(() -> reader.deleteObject(b -> b.bucket(shared).key("new")))).isEqualTo(403);
        }
        assertThat(root.getObjectAsBytes(b -> b.bucket(shared).key("new")).asUtf8String()).isEqualTo("v");
    }

    @Test
    void deletingWithPolicyDeleteWaitsForAnEmptyBucketOrAPurge() {
        String storageClass = storageClass("Delete", Map.of());
        createClaim("scratch", storageClass, spec -> spec.setGenerateBucketName("scratch"));
        ObjectBucketClaim claim = awaitPhase("scratch", ClaimPhase.Bound);
        String bucket = claim.getSpec().getBucketName();
        try (S3Client s3 = s3(client.secrets().inNamespace(ns).withName("scratch").get())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }

        client.resource(claim).delete();

        Eventually.await("a BucketNotEmpty event", () -> events("scratch", "BucketNotEmpty"), e -> !e.isEmpty());
        assertThat(claim("scratch")).isNotNull();
        assertThat(claim("scratch").getStatus().getPhase()).isEqualTo(ClaimPhase.Released);
        assertThat(admin.findBucket(bucket)).isPresent();

        editClaim("scratch", c -> c.getMetadata().getAnnotations().put("stowage.io/purge-on-delete", "true"));

        Eventually.await("the claim gone", () -> claim("scratch") == null ? "gone" : null);
        assertThat(admin.findBucket(bucket)).isEmpty();
        assertThat(admin.keys(account(claim))).isEmpty();
        assertThat(objectBucket("scratch")).isNull();
        assertThat(client.secrets().inNamespace(ns).withName("scratch").get().getMetadata().getFinalizers()).isEmpty();
        assertThat(client.configMaps().inNamespace(ns).withName("scratch").get().getMetadata().getFinalizers()).isEmpty();
    }

    @Test
    void deletingWithPolicyRetainKeepsTheBucketAndRevokesTheKey(S3Client root) {
        String storageClass = storageClass("Retain", Map.of());
        createClaim("keep", storageClass, spec -> spec.setBucketName("keep-" + ns));
        ObjectBucketClaim claim = awaitPhase("keep", ClaimPhase.Bound);
        String bucket = "keep-" + ns;
        try (S3Client s3 = s3(client.secrets().inNamespace(ns).withName("keep").get())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));

            deleteClaim("keep");

            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
        }
        assertThat(root.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        assertThat(admin.keys(account(claim))).isEmpty();
        assertThat(objectBucket("keep")).isNull();
    }

    @Test
    void abandonReleasesAClaimWhoseBackendIsUnreachable() {
        String storageClass = storageClass("Delete", Map.of());
        createClaim("stuck", storageClass, spec -> spec.setBucketName("stuck-" + ns));
        ObjectBucketClaim claim = awaitPhase("stuck", ClaimPhase.Bound);
        // port 9 on loopback: nothing listens there, every admin call is refused
        client.secrets().inNamespace(ns).withName(BACKEND_SECRET)
                .edit(s -> new SecretBuilder(s).withData(TestBackends.encoded(TestBackends.settings(SERVER, "http://127.0.0.1:9"))).build());

        client.resource(claim).delete();

        // the event of the failed deletion tells how to get out
        Eventually.await("a BackendUnavailable event naming the way out", () -> events("stuck", "BackendUnavailable"),
                e -> e.stream().anyMatch(event -> event.getMessage().contains("stowage.io/abandon")));
        assertThat(claim("stuck")).isNotNull();
        assertThat(claim("stuck").getStatus().getPhase()).isEqualTo(ClaimPhase.Released);

        editClaim("stuck", c -> c.getMetadata().getAnnotations().put("stowage.io/abandon", "true"));

        Eventually.await("the claim gone", () -> claim("stuck") == null ? "gone" : null);
        Event abandoned = Eventually.await("an Abandoned event", () -> events("stuck", "Abandoned"), e -> !e.isEmpty()).getFirst();
        assertThat(abandoned.getType()).isEqualTo("Warning");
        assertThat(abandoned.getMessage()).contains(account(claim)).contains("stuck-" + ns);
        assertThat(admin.findBucket("stuck-" + ns)).isPresent();
        assertThat(admin.keys(account(claim))).hasSize(1);
        assertThat(objectBucket("stuck")).isNull();
    }

    @Test
    void anInvalidClassOrMissingBackendIsReportedAndNothingIsBound() {
        String badQuota = storageClass("Delete", Map.of("maxSize", "lots"));
        createClaim("bad", badQuota, spec -> spec.setBucketName("bad-" + ns));
        String noSecret = storageClass("Delete", Map.of("backendSecret", ns + "/absent"));
        createClaim("orphan", noSecret, spec -> spec.setBucketName("orphan-" + ns));
        String foreign = "rook-" + ns;
        client.resource(new StorageClassBuilder().withNewMetadata().withName(foreign).endMetadata()
                .withProvisioner("rook-ceph.ceph.rook.io/bucket").build()).create();
        storageClasses.add(foreign);
        createClaim("theirs", foreign, spec -> spec.setBucketName("theirs-" + ns));

        Event invalid = Eventually.await("an InvalidQuota event", () -> events("bad", "InvalidQuota"), e -> !e.isEmpty()).getFirst();
        assertThat(invalid.getType()).isEqualTo("Warning");
        assertThat(invalid.getMessage()).contains("maxSize must be a whole number of bytes");
        assertThat(awaitPhase("bad", ClaimPhase.Failed).getMetadata().getFinalizers()).isEmpty();
        Eventually.await("a BackendSecretMissing event", () -> events("orphan", "BackendSecretMissing"), e -> !e.isEmpty());
        assertThat(awaitPhase("orphan", ClaimPhase.Pending).getMetadata().getFinalizers()).isEmpty();

        assertThat(client.secrets().inNamespace(ns).withName("bad").get()).isNull();
        assertThat(client.secrets().inNamespace(ns).withName("orphan").get()).isNull();
        assertThat(admin.findBucket("bad-" + ns)).isEmpty();
        assertThat(admin.findBucket("orphan-" + ns)).isEmpty();
        ObjectBucketClaim theirs = claim("theirs");
        assertThat(theirs.getStatus()).isNull();
        assertThat(theirs.getMetadata().getFinalizers()).isEmpty();
        Counter failures = registry.find("stowage_provisioning_failures").tag("reason", "InvalidQuota").counter();
        assertThat(failures.count()).isPositive();
    }

    @Test
    void aBucketNameSomeoneElseHoldsIsReportedTakenNotAdopted(S3Client root) {
        String taken = "taken-" + ns;
        admin.createBucket(taken, BucketQuota.NONE);
        root.putObject(b -> b.bucket(taken).key("theirs"), RequestBody.fromString("v"));
        String storageClass = storageClass("Delete", Map.of());
        createClaim("intruder", storageClass, spec -> spec.setBucketName(taken));

        Eventually.await("a BucketNameTaken event", () -> events("intruder", "BucketNameTaken"), e -> !e.isEmpty());
        ObjectBucketClaim claim = awaitPhase("intruder", ClaimPhase.Failed);
        assertThat(admin.keys(account(claim))).isEmpty();
        assertThat(claim.getMetadata().getAnnotations()).doesNotContainKey("stowage.io/created-bucket");

        // deleting the refused claim (policy Delete) leaves the other owner's bucket alone
        deleteClaim("intruder");
        assertThat(root.getObjectAsBytes(b -> b.bucket(taken).key("theirs")).asUtf8String()).isEqualTo("v");
    }

    @Test
    void lostStateAfterACrashAndTwoOperatorsAtOnceMakeNoSecondBucketOrKey() {
        String storageClass = storageClass("Delete", Map.of());
        createClaim("crash", storageClass, spec -> spec.setGenerateBucketName("crash-" + ns));
        ObjectBucketClaim claim = awaitPhase("crash", ClaimPhase.Bound);
        String bucket = claim.getSpec().getBucketName();
        assertThat(bucketsStartingWith("crash-" + ns)).containsExactly(bucket);

        cluster.settle();
        stopOperators();
        // what a crash before these writes would have left: no ObjectBucket, no Secret, no phase
        release(client.resources(ObjectBucket.class).withName("obc-" + ns + "-crash"));
        release(client.secrets().inNamespace(ns).withName("crash"));
        ObjectBucketClaim reset = claim("crash");
        reset.setStatus(null);
        client.resource(reset).updateStatus();
        startOperator();
        startOperator();
        createClaim("race", storageClass, spec -> spec.setGenerateBucketName("race-" + ns));

        awaitPhase("crash", ClaimPhase.Bound);
        Secret secret = Eventually.await("the Secret written again", () -> client.secrets().inNamespace(ns).withName("crash").get());
        ObjectBucketClaim race = awaitPhase("race", ClaimPhase.Bound);
        Eventually.await("one key on the account", () -> admin.keys(account(claim)), k -> k.equals(List.of(key(secret).id())));
        assertThat(bucketsStartingWith("crash-" + ns)).containsExactly(bucket);
        assertThat(bucketsStartingWith("race-" + ns)).containsExactly(race.getSpec().getBucketName());
        assertThat(objectBucket("crash").getSpec().getEndpoint().getBucketName()).isEqualTo(bucket);
        Secret raceSecret = client.secrets().inNamespace(ns).withName("race").get();
        Eventually.await("one key on the racing claim's account", () -> admin.keys(account(race)),
                k -> k.equals(List.of(key(raceSecret).id())));
        try (S3Client s3 = s3(secret)) {
            s3.putObject(b -> b.bucket(bucket).key("after-crash"), RequestBody.fromString("v"));
        }
    }

    // ---- helpers

    private String storageClass(String reclaimPolicy, Map<String, String> extra) {
        String name = "stowage-" + ns + "-" + storageClasses.size();
        Map<String, String> parameters = new HashMap<>(Map.of("backendSecret", ns + "/" + BACKEND_SECRET));
        parameters.putAll(extra);
        StorageClass storageClass = new StorageClassBuilder().withNewMetadata().withName(name).endMetadata()
                .withProvisioner("stowage.io/bucket").withParameters(parameters).withReclaimPolicy(reclaimPolicy).build();
        client.resource(storageClass).create();
        storageClasses.add(name);
        return name;
    }

    private void createClaim(String name, String storageClass, Consumer<ObjectBucketClaimSpec> spec) {
        ObjectBucketClaim claim = new ObjectBucketClaim();
        claim.getMetadata().setNamespace(ns);
        claim.getMetadata().setName(name);
        claim.getMetadata().setAnnotations(new HashMap<>());
        claim.getSpec().setStorageClassName(storageClass);
        spec.accept(claim.getSpec());
        client.resource(claim).create();
    }

    private ObjectBucketClaim claim(String name) {
        return client.resources(ObjectBucketClaim.class).inNamespace(ns).withName(name).get();
    }

    private void editClaim(String name, Consumer<ObjectBucketClaim> change) {
        client.resources(ObjectBucketClaim.class).inNamespace(ns).withName(name).edit(c -> {
            if (c.getMetadata().getAnnotations() == null) {
                c.getMetadata().setAnnotations(new HashMap<>());
            }
            change.accept(c);
            return c;
        });
    }

    private void deleteClaim(String name) {
        client.resources(ObjectBucketClaim.class).inNamespace(ns).withName(name).delete();
        Eventually.await("claim " + name + " gone", () -> claim(name) == null ? "gone" : null);
    }

    private ObjectBucketClaim awaitPhase(String name, ClaimPhase phase) {
        return Eventually.await("claim " + name + " " + phase, () -> claim(name),
                c -> c.getStatus() != null && c.getStatus().getPhase() == phase);
    }

    private ObjectBucket objectBucket(String claimName) {
        return client.resources(ObjectBucket.class).withName("obc-" + ns + "-" + claimName).get();
    }

    private List<Event> events(String claimName, String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> claimName.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    /** Gives the operator time to act on the last change: on the mock, until it has gone quiet. */
    private void letTheOperatorCatchUp() {
        cluster.settle();
        if (!cluster.isMock()) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<String> bucketsStartingWith(String prefix) {
        return adminClient.listBuckets().stream().map(b -> b.name()).filter(n -> n.startsWith(prefix)).toList();
    }

    private static <T extends HasMetadata> void release(Resource<T> resource) {
        resource.edit(r -> {
            r.getMetadata().setFinalizers(new ArrayList<>());
            return r;
        });
        resource.delete();
    }

    private static void assertOwnedBy(HasMetadata object, ObjectBucketClaim claim) {
        assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo(claim.getMetadata().getUid());
            assertThat(owner.getKind()).isEqualTo("ObjectBucketClaim");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(object.getMetadata().getFinalizers()).containsExactly("objectbucket.io/finalizer");
        assertThat(object.getMetadata().getLabels()).containsEntry("bucket-provisioner", "stowage.io-bucket");
    }

    private static String account(ObjectBucketClaim claim) {
        return "obc-" + claim.getMetadata().getUid();
    }

    private static AccessKey key(Secret secret) {
        return ObcResources.key(secret).orElseThrow();
    }

    private static S3Client s3(Secret secret) {
        AccessKey key = key(secret);
        return SERVER.s3As(key.id(), key.secret());
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }
}
