package io.stowage.kube.secretclaim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.kube.provision.TestBackends;
import io.stowage.server.it.StowageServerExtension;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The annotated-Secret provisioner against an API server (fabric8's mock in CRUD mode, or the cluster
 * STOWAGE_IT_KUBECONFIG names) and a real Stowage server in-process, its results checked through S3 with
 * the Secrets' own keys.
 *
 * <p>What the mock cannot show: RBAC (the operator's rights to watch and annotate Secrets and to write
 * events are the chart's business); admission and the API server's validation of Secrets; the garbage
 * collector (irrelevant here: the provisioner owns nothing and sets no finalizer); a watch resumed from
 * an old resourceVersion (the mock replays no missed event), which the operator restarts here do not
 * rely on: JOSDK lists every Secret when it starts.
 */
@ExtendWith(TestClusterExtension.class)
class SecretClaimOperatorIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final String BACKEND_SECRET = "stowage-backend";

    private TestCluster cluster;
    private KubernetesClient client;
    private String ns;
    private BucketBackend backend;
    private String suffix;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private KubernetesClient operatorClient;
    private BackendResolver resolver;
    private Operator operator;
    private final ApiCallRecorder apiCalls = new ApiCallRecorder();

    @BeforeEach
    void createBackendSecret(TestCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.ns = cluster.namespace();
        this.suffix = UUID.randomUUID().toString().substring(0, 8);
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(BACKEND_SECRET).endMetadata()
                .withData(TestBackends.encoded(TestBackends.settings(SERVER))).build()).create();
        backend = TestBackends.open(SERVER);
    }

    @AfterEach
    void stop() {
        stopOperator();
        backend.close();
        ChartRbac.assertAllowed(apiCalls.calls(), ns);
    }

    private void startOperator() {
        operatorClient = cluster.newClient(apiCalls);
        resolver = new BackendResolver(operatorClient);
        operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
        operator.register(new SecretClaimReconciler(operatorClient, resolver, new KubeEvents(operatorClient, Clock.systemUTC()),
                new ProvisioningMetrics(registry), Clock.systemUTC(),
                new SecretClaimSettings(Optional.of(new BackendRef(ns, BACKEND_SECRET)))), c -> c.settingNamespaces(Set.of(ns)));
        operator.start();
    }

    private void stopOperator() {
        if (operator == null) {
            return;
        }
        cluster.settle();
        operator.stop();
        resolver.close();
        operatorClient.close();
        operator = null;
    }

    @Test
    void anAnnotatedSecretGetsItsBucketAndAnAccountWhoseKeyReachesOnlyThatBucket() {
        startOperator();
        String bucket = "photos-" + suffix;
        String other = "other-" + suffix;
        backend.createBucket(other, BucketQuota.NONE);
        AccessKey key = AccessKey.generate();

        create("photos", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", bucket, "access-key", key.id(), "access-secret", key.secret()));

        awaitProvisioned("photos");
        String account = "secret." + ns + ".photos";
        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(account);
        assertThat(backend.keys(account)).containsExactly(key.id());
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> s3.putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(other)))).isEqualTo(403);
        }
        Event event = awaitEvent("photos", "Provisioned");
        assertThat(event.getType()).isEqualTo("Normal");
        assertThat(event.getMessage()).isEqualTo("bucket " + bucket + " owned by account " + account
                + ", with access key " + key.id()).doesNotContain(key.secret());
        assertThat(counter("stowage_provisioning_provisioned")).isEqualTo(1);
        var latency = registry.get("stowage_provisioning_claim_to_credentials").tag("frontend", "secret").timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.max(TimeUnit.SECONDS)).isLessThan(Eventually.TIMEOUT.toSeconds());
    }

    @Test
    void theSecretKeySpellingStowagesAnnotationAndAMatchingEndpointWork() {
        startOperator();
        String bucket = "spelling-" + suffix;
        AccessKey key = AccessKey.generate();

        create("spelling", Map.of(ClaimAnnotations.STOWAGE, "true", ClaimAnnotations.BACKEND_SECRET, BACKEND_SECRET),
                fields("BUCKET_NAME", bucket, "AWS_ACCESS_KEY_ID", key.id(), "secret-key", key.secret(),
                        "endpoint-url", SERVER.endpoint() + "/", "user-id", "1000"));

        awaitProvisioned("spelling");
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(awaitEvent("spelling", "Provisioned").getMessage()).endsWith("; ignored user-id (Stowage keeps no POSIX owner for a bucket)");
    }

    @Test
    void aBackendOfAnotherNamespaceIsRefusedUnlessItIsTheDefault() {
        startOperator();
        AccessKey key = AccessKey.generate();

        create("elsewhere", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true",
                ClaimAnnotations.BACKEND_SECRET, "platform/premium-backend"),
                fields("bucket-name", "elsewhere-" + suffix, "access-key", key.id(), "secret-key", key.secret()));
        create("default", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true",
                ClaimAnnotations.BACKEND_SECRET, ns + "/" + BACKEND_SECRET),
                fields("bucket-name", "default-" + suffix, "access-key", AccessKey.generate().id(), "secret-key", "default-secret-01"));

        assertThat(awaitEvent("elsewhere", "BackendNotAllowed").getMessage()).contains("platform/premium-backend");
        awaitProvisioned("default");
        assertThat(backend.findBucket("elsewhere-" + suffix)).isEmpty();
        assertThat(backend.keys("secret." + ns + ".elsewhere")).isEmpty();
    }

    @Test
    void quotaAnnotationsLimitTheBucketAndMayChangeLater() {
        startOperator();
        String bucket = "quota-" + suffix;
        AccessKey key = AccessKey.generate();

        create("quota", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true", ClaimAnnotations.MAX_OBJECTS, "1"),
                fields("bucket-name", bucket, "access-key", key.id(), "secret-key", key.secret()));

        String first = awaitProvisioned("quota");
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(0, 1));
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("one"), RequestBody.fromString("v"));
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucket).key("two"), RequestBody.fromString("v"))))
                    .as("a write beyond the quota").isEqualTo(403);
        }

        client.secrets().inNamespace(ns).withName("quota").edit(s -> {
            s.getMetadata().getAnnotations().put(ClaimAnnotations.MAX_OBJECTS, "10");
            s.getMetadata().getAnnotations().put(ClaimAnnotations.MAX_SIZE, "1Mi");
            return s;
        });
        awaitProvisioned("quota", f -> !f.equals(first));
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(1 << 20, 10));

        client.secrets().inNamespace(ns).withName("quota").edit(s -> {
            s.getMetadata().getAnnotations().put(ClaimAnnotations.MAX_SIZE, "a lot");
            return s;
        });
        assertThat(awaitEvent("quota", "InvalidQuota").getMessage()).contains(ClaimAnnotations.MAX_SIZE).contains("'a lot'");
    }

    @Test
    void aChangedKeyIsAppliedAndTheOldKeyStopsWorking() {
        startOperator();
        String bucket = "rotate-" + suffix;
        AccessKey first = AccessKey.generate();
        create("rotate", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", bucket, "access-key", first.id(), "secret-key", first.secret()));
        String firstFingerprint = awaitProvisioned("rotate");
        try (S3Client s3 = SERVER.s3As(first.id(), first.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }

        AccessKey second = AccessKey.generate();
        setFields("rotate", fields("bucket-name", bucket, "access-key", second.id(), "secret-key", second.secret()));
        String secondFingerprint = awaitProvisioned("rotate", f -> !f.equals(firstFingerprint));

        String account = "secret." + ns + ".rotate";
        assertThat(backend.keys(account)).containsExactly(second.id());
        try (S3Client old = SERVER.s3As(first.id(), first.secret()); S3Client now = SERVER.s3As(second.id(), second.secret())) {
            assertThat(status(() -> old.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
            assertThat(now.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }

        // the same key id with a new secret: the old secret stops working too
        AccessKey resecreted = new AccessKey(second.id(), AccessKey.generate().secret());
        setFields("rotate", fields("bucket-name", bucket, "access-key", resecreted.id(), "secret-key", resecreted.secret()));
        awaitProvisioned("rotate", f -> !f.equals(secondFingerprint));
        assertThat(backend.keys(account)).containsExactly(second.id());
        try (S3Client old = SERVER.s3As(second.id(), second.secret()); S3Client now = SERVER.s3As(resecreted.id(), resecreted.secret())) {
            assertThat(status(() -> old.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
            assertThat(now.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(events("rotate", "Provisioned")).hasSize(3);
        assertThat(counter("stowage_provisioning_provisioned")).isEqualTo(1);
    }

    @Test
    void aNewBucketNameGetsANewBucketAndTheOldOneStays() {
        startOperator();
        AccessKey key = AccessKey.generate();
        create("move", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "old-" + suffix, "access-key", key.id(), "secret-key", key.secret()));
        String before = awaitProvisioned("move");

        setFields("move", fields("bucket-name", "new-" + suffix, "access-key", key.id(), "secret-key", key.secret()));
        awaitProvisioned("move", f -> !f.equals(before));

        String account = "secret." + ns + ".move";
        assertThat(backend.findBucket("new-" + suffix).orElseThrow().owner()).isEqualTo(account);
        assertThat(backend.findBucket("old-" + suffix).orElseThrow().owner()).isEqualTo(account);
    }

    @Test
    void deletingTheSecretDeletesNothing() {
        startOperator();
        String bucket = "keep-" + suffix;
        AccessKey key = AccessKey.generate();
        create("keep", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", bucket, "access-key", key.id(), "secret-key", key.secret()));
        awaitProvisioned("keep");
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }

        assertThat(secret("keep").getMetadata().getFinalizers()).isEmpty();
        client.secrets().inNamespace(ns).withName("keep").delete();
        Eventually.await("the Secret gone", () -> secret("keep") == null ? "gone" : null);
        // a Secret handled after the deletion shows the operator has seen it
        AccessKey later = AccessKey.generate();
        create("later", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "later-" + suffix, "access-key", later.id(), "secret-key", later.secret()));
        awaitProvisioned("later");

        assertThat(backend.keys("secret." + ns + ".keep")).containsExactly(key.id());
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }
    }

    @Test
    void anEndpointMismatchIsRefusedWithAnEventAndCreatesNothing() {
        startOperator();
        String bucket = "elsewhere-" + suffix;
        AccessKey key = AccessKey.generate();

        create("elsewhere", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", bucket, "access-key", key.id(), "secret-key", key.secret(),
                        "endpoint-url", "https://s3.elsewhere.example.com"));

        Event event = awaitEvent("elsewhere", "EndpointMismatch");
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getMessage()).isEqualTo("endpoint-url https://s3.elsewhere.example.com is not this backend's "
                + "S3 endpoint " + SERVER.endpoint() + ": nothing was created");
        assertThat(backend.findBucket(bucket)).isEmpty();
        assertThat(backend.keys("secret." + ns + ".elsewhere")).isEmpty();
        assertThat(ClaimAnnotations.get(secret("elsewhere"), ClaimAnnotations.PROVISIONED)).isNull();
        assertThat(registry.get("stowage_provisioning_failures").tag("reason", "EndpointMismatch").counter().count()).isEqualTo(1);
    }

    @Test
    void anAdminRoleAndABucketOfAnotherAccountAreRefusedAndCreateNothing() {
        startOperator();
        AccessKey key = AccessKey.generate();
        create("admin", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "admin-" + suffix, "access-key", key.id(), "secret-key", key.secret(), "role", "admin"));
        String taken = "taken-" + suffix;
        String rootOwner = backend.createBucket(taken, BucketQuota.NONE).owner();
        AccessKey other = AccessKey.generate();
        create("taker", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", taken, "access-key", other.id(), "secret-key", other.secret()));

        assertThat(awaitEvent("admin", "RoleRefused").getMessage()).startsWith("role 'admin' is refused");
        assertThat(awaitEvent("taker", "BucketNameTaken").getMessage()).isEqualTo("bucket " + taken
                + " exists and belongs to another account: Stowage does not take buckets over; choose another name");
        assertThat(backend.findBucket("admin-" + suffix)).isEmpty();
        assertThat(backend.keys("secret." + ns + ".admin")).isEmpty();
        assertThat(backend.findBucket(taken).orElseThrow().owner()).isEqualTo(rootOwner);
        assertThat(backend.keys("secret." + ns + ".taker")).isEmpty();
    }

    @Test
    void anotherAccountsKeyIdAndAnInvalidBucketNameAreRefused() {
        startOperator();
        AccessKey key = AccessKey.generate();
        create("holder", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "holder-" + suffix, "access-key", key.id(), "secret-key", key.secret()));
        awaitProvisioned("holder");
        AccessKey sameId = new AccessKey(key.id(), AccessKey.generate().secret());
        create("thief", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "thief-" + suffix, "access-key", sameId.id(), "secret-key", sameId.secret()));
        AccessKey invalid = AccessKey.generate();
        create("invalid", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "Not_A_Bucket", "access-key", invalid.id(), "secret-key", invalid.secret()));

        assertThat(awaitEvent("thief", "KeyTaken").getMessage())
                .isEqualTo("access key " + key.id() + " belongs to another account: choose another key id");
        assertThat(awaitEvent("invalid", "InvalidBucketName").getType()).isEqualTo("Warning");
        assertThat(backend.findBucket("thief-" + suffix)).isEmpty();
        assertThat(backend.keys("secret." + ns + ".thief")).isEmpty();
        assertThat(backend.keys("secret." + ns + ".holder")).containsExactly(key.id());
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket("holder-" + suffix).key("k"), RequestBody.fromString("v"));
        }
    }

    @Test
    void aSecretWithoutTheAnnotationIsIgnored() {
        startOperator();
        AccessKey plainKey = AccessKey.generate();
        create("plain", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "false"),
                fields("bucket-name", "plain-" + suffix, "access-key", plainKey.id(), "secret-key", plainKey.secret()));
        AccessKey key = AccessKey.generate();
        create("annotated", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "annotated-" + suffix, "access-key", key.id(), "secret-key", key.secret()));

        awaitProvisioned("annotated");
        assertThat(backend.findBucket("plain-" + suffix)).isEmpty();
        assertThat(backend.keys("secret." + ns + ".plain")).isEmpty();
        assertThat(secret("plain").getMetadata().getAnnotations()).doesNotContainKey(ClaimAnnotations.PROVISIONED);
        assertThat(client.v1().events().inNamespace(ns).list().getItems())
                .noneMatch(e -> e.getInvolvedObject().getName().equals("plain"));
    }

    @Test
    void aSecretThatExistsBeforeTheOperatorStartsIsProvisionedAtStart() {
        AccessKey key = AccessKey.generate();
        create("early", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "early-" + suffix, "access-key", key.id(), "secret-key", key.secret()));

        startOperator();

        awaitProvisioned("early");
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket("early-" + suffix).key("k"), RequestBody.fromString("v"));
        }
    }

    /**
     * A crash leaves the backend ahead of the Secret's annotation: here the account with its key but no
     * bucket (a crash before the bucket), then everything but the annotation (a crash before it).
     */
    @Test
    void rerunningAfterACrashConvergesWithoutDuplicates() {
        String bucket = "crash-" + suffix;
        String account = "secret." + ns + ".crash";
        AccessKey key = AccessKey.generate();
        backend.createKey(account, key, Optional.empty());
        create("crash", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", bucket, "access-key", key.id(), "secret-key", key.secret()));

        startOperator();
        String fingerprint = awaitProvisioned("crash");
        assertThat(backend.keys(account)).containsExactly(key.id());
        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(account);
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }

        stopOperator();
        Secret provisioned = secret("crash");
        provisioned.getMetadata().getAnnotations().remove(ClaimAnnotations.PROVISIONED);
        client.secrets().inNamespace(ns).resource(provisioned).update();
        startOperator();

        assertThat(awaitProvisioned("crash")).isEqualTo(fingerprint);
        assertThat(backend.keys(account)).containsExactly(key.id());
        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(account);
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly(bucket);
        }
    }

    /**
     * The full sync at start checks an unchanged Secret against the backend: a bucket deleted there by hand is made
     * again, while the key that is there is not made anew and the Secret is not written to.
     */
    @Test
    void aRestartRecreatesABucketDeletedByHandAndLeavesTheKeyAndTheSecretAsTheyAre() {
        startOperator();
        String bucket = "steady-" + suffix;
        String account = "secret." + ns + ".steady";
        AccessKey key = AccessKey.generate();
        create("steady", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", bucket, "access-key", key.id(), "secret-key", key.secret()));
        awaitProvisioned("steady");
        String resourceVersion = secret("steady").getMetadata().getResourceVersion();
        try (AdminClient admin = admin()) {
            Instant keyCreated = admin.getKey(key.id()).createdAt();
            stopOperator();
            backend.deleteBucket(bucket, true);

            startOperator();

            Eventually.await("bucket " + bucket + " made again", () -> backend.findBucket(bucket), Optional::isPresent);
            assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(account);
            assertThat(backend.keys(account)).containsExactly(key.id());
            assertThat(admin.getKey(key.id()).createdAt()).as("the key is not made anew").isEqualTo(keyCreated);
        }
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        cluster.settle();
        assertThat(secret("steady").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
        assertThat(events("steady", "Provisioned")).hasSize(1);
    }

    @Test
    void aRestartRecreatesAnAccountAndBucketDeletedByHand() {
        startOperator();
        String bucket = "orphan-" + suffix;
        String account = "secret." + ns + ".orphan";
        AccessKey key = AccessKey.generate();
        create("orphan", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", bucket, "access-key", key.id(), "secret-key", key.secret()));
        awaitProvisioned("orphan");
        stopOperator();
        backend.deleteBucket(bucket, true);
        backend.deleteAccount(account);
        assertThat(backend.keys(account)).isEmpty();

        startOperator();

        Eventually.await("bucket " + bucket + " made again", () -> backend.findBucket(bucket), Optional::isPresent);
        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(account);
        assertThat(backend.keys(account)).containsExactly(key.id());
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }
    }

    /**
     * The check at start reaches for the backend of every unchanged Secret: with the backend Secret gone it fails,
     * with an event, where it once cost no backend call.
     */
    @Test
    void anUnchangedSecretIsCheckedAtStart() {
        startOperator();
        AccessKey key = AccessKey.generate();
        create("checked", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "checked-" + suffix, "access-key", key.id(), "secret-key", key.secret()));
        awaitProvisioned("checked");
        stopOperator();
        client.secrets().inNamespace(ns).withName(BACKEND_SECRET).delete();

        startOperator();

        assertThat(awaitEvent("checked", "BackendMissing").getMessage())
                .isEqualTo("backend Secret " + ns + "/" + BACKEND_SECRET + " does not exist");
        assertThat(events("checked", "Provisioned")).hasSize(1);
    }

    @Test
    void anUnreachableBackendIsRetriedUntilItAnswers() {
        String broken = "broken-backend";
        Map<String, String> unreachable = Map.of("s3Endpoint", SERVER.endpoint().toString(),
                "adminEndpoint", "http://127.0.0.1:1", "adminToken", StowageServerExtension.ADMIN_TOKEN);
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(broken).endMetadata()
                .withData(TestBackends.encoded(unreachable)).build()).create();
        startOperator();
        AccessKey key = AccessKey.generate();
        create("patient", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true", ClaimAnnotations.BACKEND_SECRET, broken),
                fields("bucket-name", "patient-" + suffix, "access-key", key.id(), "secret-key", key.secret()));

        Event unavailable = awaitEvent("patient", "BackendUnavailable");
        assertThat(unavailable.getType()).isEqualTo("Warning");
        assertThat(unavailable.getMessage()).endsWith("; retrying");
        client.secrets().inNamespace(ns).withName(broken).edit(s -> {
            s.setData(TestBackends.encoded(Map.of("s3Endpoint", SERVER.endpoint().toString(),
                    "adminEndpoint", SERVER.adminEndpoint().toString(), "adminToken", StowageServerExtension.ADMIN_TOKEN)));
            return s;
        });

        awaitProvisioned("patient");
        assertThat(backend.findBucket("patient-" + suffix).orElseThrow().owner()).isEqualTo("secret." + ns + ".patient");
        assertThat(registry.get("stowage_provisioning_failures").tag("reason", "BackendUnavailable").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    private void create(String name, Map<String, String> annotations, Map<String, String> fields) {
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withAnnotations(annotations).endMetadata().withData(TestBackends.encoded(fields)).build()).create();
    }

    private void setFields(String name, Map<String, String> fields) {
        client.secrets().inNamespace(ns).withName(name).edit(s -> {
            s.setData(TestBackends.encoded(fields));
            return s;
        });
    }

    private Secret secret(String name) {
        return client.secrets().inNamespace(ns).withName(name).get();
    }

    private static AdminClient admin() {
        return AdminClient.builder(SERVER.adminEndpoint()).token(StowageServerExtension.ADMIN_TOKEN).build();
    }

    private String awaitProvisioned(String name) {
        return awaitProvisioned(name, f -> true);
    }

    private String awaitProvisioned(String name, Predicate<String> fingerprint) {
        return Eventually.await("Secret " + name + " provisioned",
                () -> Optional.ofNullable(secret(name)).map(s -> ClaimAnnotations.get(s, ClaimAnnotations.PROVISIONED)).orElse(null),
                fingerprint);
    }

    private List<Event> events(String name, String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(name) && e.getReason().equals(reason)).toList();
    }

    private Event awaitEvent(String name, String reason) {
        return Eventually.await(reason + " event on " + name, () -> events(name, reason), l -> !l.isEmpty()).getFirst();
    }

    private double counter(String name) {
        Counter counter = registry.find(name).tag("frontend", "secret").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, String> fields(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }
}
