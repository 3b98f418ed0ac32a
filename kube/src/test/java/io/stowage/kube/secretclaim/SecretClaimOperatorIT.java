package io.stowage.kube.secretclaim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.chart.ChartRbac;
import io.stowage.kube.operator.ApiCall;
import io.stowage.kube.operator.ApiCallRecorder;
import io.stowage.kube.operator.Eventually;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.ConnectionData;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.kube.provision.TestBackends;
import io.stowage.server.it.StowageServerExtension;
import java.net.URI;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The annotated-Secret provisioner against an API server (fabric8's mock in CRUD mode, or the cluster
 * STOWAGE_IT_KUBECONFIG names) and a real Stowage server in-process, its results checked through S3 with
 * the Secrets' own keys.
 *
 * <p>What the mock cannot show: RBAC (the operator's rights to watch and annotate Secrets and to write
 * events are the chart's business); admission and the API server's validation of Secrets; the garbage
 * collector (the provisioner sets no finalizer; the Secrets' ConfigMaps are checked to carry their owner reference,
 * not to go with their Secret); a watch resumed from
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
    /** A second namespace a test watches too, or null; its calls are held against the chart as the test namespace's. */
    private String otherNs;

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
        if (otherNs != null) {
            client.namespaces().withName(otherNs).delete();
        }
        List<ApiCall> calls = apiCalls.calls().stream().map(c -> otherNs == null ? c : c.movedFrom(otherNs, ns)).toList();
        ChartRbac.assertAllowed(calls, ns);
        ChartRbac.assertAllowedWithValues(calls, ns, "secret-provisioning-only.yaml");
    }

    private void startOperator() {
        operatorClient = cluster.newClient(apiCalls);
        resolver = new BackendResolver(operatorClient);
        operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
        operator.register(new SecretClaimReconciler(operatorClient, resolver, new KubeEvents(operatorClient, Clock.systemUTC()),
                new ProvisioningMetrics(registry), Clock.systemUTC(),
                new SecretClaimSettings(Optional.of(new BackendRef(ns, BACKEND_SECRET)))),
                c -> c.settingNamespaces(otherNs == null ? Set.of(ns) : Set.of(ns, otherNs)));
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
                + ", with access key " + key.id() + "; connection data in ConfigMap photos").doesNotContain(key.secret());
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
                    .as("a write beyond the quota").isEqualTo(400);
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

    /** The Secret's ConfigMap holds what a client needs to reach the bucket, and a restart makes it again if deleted. */
    @Test
    void theConfigMapHoldsTheConnectionDataAndARestartMakesItAgain() {
        startOperator();
        String bucket = "connect-" + suffix;
        AccessKey key = AccessKey.generate();
        create("connect", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", bucket, "access-key", key.id(), "secret-key", key.secret()));
        awaitProvisioned("connect");

        ConfigMap config = awaitConfigMap("connect");
        URI endpoint = URI.create(config.getData().get(ConnectionData.BUCKET_ENDPOINT));
        assertThat(endpoint.getScheme()).isEqualTo(SERVER.endpoint().getScheme());
        assertThat(endpoint.getHost()).isEqualTo(SERVER.endpoint().getHost());
        assertThat(endpoint.getPort()).isEqualTo(SERVER.endpoint().getPort());
        assertThat(config.getData()).containsEntry(ConnectionData.BUCKET_NAME, bucket)
                .containsEntry(ConnectionData.BUCKET_HOST, SERVER.endpoint().getHost())
                .containsEntry(ConnectionData.BUCKET_PORT, Integer.toString(SERVER.endpoint().getPort()))
                .containsEntry(ConnectionData.BUCKET_REGION, backend.endpoint().region())
                .containsEntry(ConnectionData.BUCKET_ADDRESSING_STYLE, backend.endpoint().addressingStyle().wireName())
                .doesNotContainKey(ConnectionData.BUCKET_CA_BUNDLE);
        assertThat(config.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Secret");
            assertThat(owner.getName()).isEqualTo("connect");
            assertThat(owner.getUid()).isEqualTo(secret("connect").getMetadata().getUid());
        });
        try (S3Client s3 = s3From(config, key)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }

        stopOperator();
        client.configMaps().inNamespace(ns).withName("connect").delete();
        Eventually.await("the ConfigMap gone", () -> configMap("connect") == null ? "gone" : null);
        startOperator();

        assertThat(awaitConfigMap("connect").getData()).isEqualTo(config.getData());
    }

    @Test
    void aConfigMapOfAnotherIsLeftAsItIsWithAWarning() {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("namesake")
                .endMetadata().withData(Map.of("mine", "yes")).build()).create();
        startOperator();
        AccessKey key = AccessKey.generate();
        create("namesake", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", "namesake-" + suffix, "access-key", key.id(), "secret-key", key.secret()));

        awaitProvisioned("namesake");
        Event taken = awaitEvent("namesake", "ConnectionConfigMapTaken");
        assertThat(taken.getType()).isEqualTo("Warning");
        assertThat(taken.getMessage()).contains("ConfigMap namesake exists and is not this Secret's");
        ConfigMap foreign = configMap("namesake");
        assertThat(foreign.getData()).isEqualTo(Map.of("mine", "yes"));
        assertThat(foreign.getMetadata().getOwnerReferences()).isNullOrEmpty();
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket("namesake-" + suffix).key("k"), RequestBody.fromString("v"));
        }
    }

    /**
     * A read-only Secret may come before the Secret that owns its bucket: it is refused until the bucket is there, then
     * its key reads that bucket, and writes nothing.
     */
    @Test
    void aReadOnlySecretReadsTheBucketOfAnotherSecretOfItsNamespace() {
        startOperator();
        String shared = "shared-" + suffix;
        String other = "other-" + suffix;
        backend.createBucket(other, BucketQuota.NONE);
        AccessKey readerKey = AccessKey.generate();
        create("reader", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true", ClaimAnnotations.ACCESS, "read-only"),
                fields("bucket-name", shared, "access-key", readerKey.id(), "secret-key", readerKey.secret()));
        assertThat(awaitEvent("reader", "BucketMissing").getMessage()).startsWith("bucket " + shared + " does not exist");
        String readerAccount = "secret." + ns + ".reader";
        assertThat(backend.keys(readerAccount)).isEmpty();

        AccessKey ownerKey = AccessKey.generate();
        create("owner", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", shared, "access-key", ownerKey.id(), "secret-key", ownerKey.secret()));
        awaitProvisioned("owner");
        try (S3Client s3 = SERVER.s3As(ownerKey.id(), ownerKey.secret())) {
            s3.putObject(b -> b.bucket(shared).key("k"), RequestBody.fromString("v"));
        }
        client.secrets().inNamespace(ns).withName("reader").edit(s -> {
            s.getMetadata().setLabels(Map.of("touched", "yes"));
            return s;
        });
        awaitProvisioned("reader");

        assertThat(backend.keys(readerAccount)).containsExactly(readerKey.id());
        assertThat(backend.keyGrants(readerKey.id())).containsExactly(new BucketGrant(shared, AccessMode.READ_ONLY));
        assertThat(backend.findBucket(shared).orElseThrow().owner()).isEqualTo("secret." + ns + ".owner");
        try (S3Client s3 = SERVER.s3As(readerKey.id(), readerKey.secret())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(shared).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(s3.listObjectsV2(b -> b.bucket(shared)).contents()).extracting(o -> o.key()).containsExactly("k");
            assertThat(status(() -> s3.putObject(b -> b.bucket(shared).key("w"), RequestBody.fromString("v")))).isEqualTo(403);
            assertThat(status(() -> s3.deleteObject(b -> b.bucket(shared).key("k")))).isEqualTo(403);
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(other)))).isEqualTo(403);
            assertThat(status(() -> s3.putObject(b -> b.bucket(other).key("w"), RequestBody.fromString("v")))).isEqualTo(403);
        }
        ConfigMap readerConfig = awaitConfigMap("reader");
        assertThat(readerConfig.getData()).containsEntry(ConnectionData.BUCKET_NAME, shared)
                .isEqualTo(awaitConfigMap("owner").getData());
        assertThat(readerConfig.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(secret("reader").getMetadata().getUid()));
        try (S3Client s3 = s3From(readerConfig, readerKey)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(shared).key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(awaitEvent("reader", "Provisioned").getMessage()).isEqualTo("read-only access to bucket " + shared
                + " for account " + readerAccount + ", with access key " + readerKey.id()
                + "; connection data in ConfigMap reader");
    }

    @Test
    void aReadOnlySecretOfAnotherNamespaceIsRefusedAndGetsNoKey() {
        otherNs = ns + "-other";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(otherNs).endMetadata().build())
                .create();
        startOperator();
        String shared = "guarded-" + suffix;
        AccessKey ownerKey = AccessKey.generate();
        create("owner", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", shared, "access-key", ownerKey.id(), "secret-key", ownerKey.secret()));
        awaitProvisioned("owner");
        AccessKey outsiderKey = AccessKey.generate();
        client.secrets().inNamespace(otherNs).resource(new SecretBuilder().withNewMetadata().withName("owner")
                .withAnnotations(Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true", ClaimAnnotations.ACCESS, "read-only"))
                .endMetadata().withData(TestBackends.encoded(fields("bucket-name", shared, "access-key", outsiderKey.id(),
                        "secret-key", outsiderKey.secret()))).build()).create();

        Event refused = Eventually.await("BucketNotShared event in " + otherNs, () -> client.v1().events()
                .inNamespace(otherNs).list().getItems().stream().filter(e -> e.getReason().equals("BucketNotShared")).toList(),
                l -> !l.isEmpty()).getFirst();
        assertThat(refused.getType()).isEqualTo("Warning");
        assertThat(refused.getMessage()).contains("read-only access is given to buckets of this namespace's annotated Secrets");
        assertThat(backend.keys("secret." + otherNs + ".owner")).isEmpty();
        try (AdminClient admin = admin()) {
            assertThat(status(() -> admin.getKey(outsiderKey.id()))).isEqualTo(404);
        }
        try (S3Client s3 = SERVER.s3As(outsiderKey.id(), outsiderKey.secret())) {
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(shared)))).isEqualTo(403);
        }
    }

    @Test
    void aReadOnlySecretWithAQuotaOrAnUnknownAccessIsRefused() {
        startOperator();
        String shared = "quoted-" + suffix;
        AccessKey ownerKey = AccessKey.generate();
        create("owner", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", shared, "access-key", ownerKey.id(), "secret-key", ownerKey.secret()));
        awaitProvisioned("owner");
        AccessKey quotaKey = AccessKey.generate();
        create("quota", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true", ClaimAnnotations.ACCESS, "read-only",
                ClaimAnnotations.MAX_OBJECTS, "10"),
                fields("bucket-name", shared, "access-key", quotaKey.id(), "secret-key", quotaKey.secret()));
        AccessKey oddKey = AccessKey.generate();
        create("odd", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true", ClaimAnnotations.ACCESS, "write-only"),
                fields("bucket-name", "odd-" + suffix, "access-key", oddKey.id(), "secret-key", oddKey.secret()));

        assertThat(awaitEvent("quota", "InvalidQuota").getMessage()).startsWith("a read-only Secret has no quota");
        assertThat(awaitEvent("odd", "InvalidAccess").getMessage()).contains("'write-only'");
        assertThat(backend.keys("secret." + ns + ".quota")).isEmpty();
        assertThat(backend.keys("secret." + ns + ".odd")).isEmpty();
        assertThat(backend.findBucket("odd-" + suffix)).isEmpty();
        assertThat(backend.findBucket(shared).orElseThrow().quota()).isEqualTo(BucketQuota.NONE);
    }

    /** Switching the access leaves the account exactly one key, of the new scope, with the same id and secret. */
    @Test
    void switchingToReadOnlyStopsTheKeyWritingAndSwitchingBackRestoresIt() {
        startOperator();
        String bucket = "switch-" + suffix;
        String account = "secret." + ns + ".switch";
        AccessKey key = AccessKey.generate();
        create("switch", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"),
                fields("bucket-name", bucket, "access-key", key.id(), "secret-key", key.secret()));
        String readWrite = awaitProvisioned("switch");
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }

        setAccess("switch", "read-only");
        String readOnly = awaitProvisioned("switch", f -> !f.equals(readWrite));
        assertThat(backend.keys(account)).containsExactly(key.id());
        assertThat(backend.keyGrants(key.id())).containsExactly(new BucketGrant(bucket, AccessMode.READ_ONLY));
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucket).key("w"), RequestBody.fromString("v")))).isEqualTo(403);
        }

        setAccess("switch", "read-write");
        assertThat(awaitProvisioned("switch", f -> !f.equals(readOnly))).isEqualTo(readWrite);
        assertThat(backend.keys(account)).containsExactly(key.id());
        assertThat(backend.keyGrants(key.id())).isEmpty();
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("w"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("w")).asUtf8String()).isEqualTo("v");
        }
    }

    private void setAccess(String name, String access) {
        client.secrets().inNamespace(ns).withName(name).edit(s -> {
            s.getMetadata().getAnnotations().put(ClaimAnnotations.ACCESS, access);
            return s;
        });
    }

    private ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(ns).withName(name).get();
    }

    private ConfigMap awaitConfigMap(String name) {
        return Eventually.await("ConfigMap " + name, () -> configMap(name));
    }

    /** A client made only from what the ConfigMap says, signing with the key. */
    private static S3Client s3From(ConfigMap config, AccessKey key) {
        return S3Client.builder()
                .endpointOverride(URI.create(config.getData().get(ConnectionData.BUCKET_ENDPOINT)))
                .region(Region.of(config.getData().get(ConnectionData.BUCKET_REGION)))
                .forcePathStyle("path".equals(config.getData().get(ConnectionData.BUCKET_ADDRESSING_STYLE)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret())))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
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
        } catch (AdminApiException e) {
            return e.status();
        }
    }
}
