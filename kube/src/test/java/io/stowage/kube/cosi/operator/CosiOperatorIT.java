package io.stowage.kube.cosi.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.GrantedAccess;
import io.stowage.kube.cosi.ResolvedCosiBackends;
import io.stowage.kube.cosi.crd.Bucket;
import io.stowage.kube.cosi.crd.BucketAccess;
import io.stowage.kube.cosi.crd.BucketAccessClass;
import io.stowage.kube.cosi.crd.BucketClaim;
import io.stowage.kube.cosi.crd.BucketClaimStatus;
import io.stowage.kube.cosi.crd.BucketClass;
import io.stowage.kube.cosi.crd.CosiApi;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.chart.ChartRbac;
import io.stowage.kube.operator.ApiCallRecorder;
import io.stowage.kube.operator.Eventually;
import io.stowage.kube.operator.FailingSecretWrites;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.kube.provision.TestBackends;
import io.stowage.server.it.StowageServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The COSI sidecar and controller modes against an API server (fabric8's mock in CRUD mode, or the real
 * cluster STOWAGE_IT_KUBECONFIG names) and a real Stowage server started in-process: the credentials
 * they write are proved with the AWS SDK.
 *
 * <p>What the mock cannot show: no garbage collector (nothing here relies on owner references), no RBAC,
 * no admission or schema defaulting and validation (the tests set deletionPolicy themselves;
 * CosiCrdSchemaTest checks the schema), and no upstream COSI controller or sidecar: the operator
 * plays both parts. On a real cluster that runs the upstream COSI components for a driver of the same
 * name, the two would compete: run these tests where they are absent.
 */
@ExtendWith(TestClusterExtension.class)
class CosiOperatorIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final String DRIVER = "stowage.io";
    private static final String BACKEND_SECRET = "stowage-backend";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short enough for the test to wait out, long enough to use the old key within it. */
    private static final Duration ROTATION_GRACE = Duration.ofSeconds(3);

    private TestCluster cluster;
    private KubernetesClient client;
    private String ns;
    private String suffix;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private BucketBackend backend;
    private KubernetesClient operatorClient;
    private BackendResolver resolver;
    private Operator operator;
    private final ApiCallRecorder apiCalls = new ApiCallRecorder();
    private final FailingSecretWrites failingWrites = new FailingSecretWrites();

    @BeforeEach
    void start(TestCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.ns = cluster.namespace();
        this.suffix = UUID.randomUUID().toString().substring(0, 8);
        client.secrets().inNamespace(ns).resource(backendSecret(SERVER.endpoint().toString(),
                SERVER.adminEndpoint().toString())).create();
        backend = TestBackends.open(SERVER);
        startOperator();
    }

    @AfterEach
    void stop() {
        stopOperator();
        backend.close();
        ChartRbac.assertAllowed(apiCalls.calls(), ns);
    }

    private void startOperator() {
        startOperator(true);
    }

    /** @param claimController whether it also plays the COSI controller (the operator's --cosi-controller) */
    private void startOperator(boolean claimController) {
        operatorClient = cluster.newClient(apiCalls, failingWrites);
        resolver = new BackendResolver(operatorClient);
        CosiProvisioner provisioner = new CosiProvisioner(DRIVER, new ResolvedCosiBackends(resolver, null), ns);
        KubeEvents events = new KubeEvents(operatorClient, Clock.systemUTC());
        ProvisioningMetrics metrics = new ProvisioningMetrics(meters);
        // configured as OperatorRunner configures its Operator with --namespaces
        operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
        operator.register(new BucketReconciler(operatorClient, provisioner, events, metrics, Set.of(ns)),
                c -> c.watchingAllNamespaces());
        operator.register(new BucketAccessReconciler(operatorClient, provisioner, events, metrics, Clock.systemUTC(),
                ROTATION_GRACE),
                c -> c.settingNamespace(ns));
        if (claimController) {
            operator.register(new BucketClaimReconciler(operatorClient, events, metrics), c -> c.settingNamespace(ns));
        }
        operator.start();
    }

    private void stopOperator() {
        cluster.settle();
        operator.stop();
        resolver.close();
        operatorClient.close();
    }

    @Test
    void aClaimAndAnAccessGiveCredentialsForThatBucketOnly() throws Exception {
        createBucketClass("retain", CosiApi.DELETION_POLICY_RETAIN, Map.of());
        createAccessClass("rw", Map.of());
        BucketClaim claim = createClaim("data", "retain");
        BucketAccess access = createAccess("data-rw", "data", "rw", "data-creds");

        Secret secret = awaitSecret("data-creds");
        String bucketName = CosiApi.bucketName(claim);
        JsonNode info = bucketInfo(secret);
        assertThat(info.at("/metadata/name").asText()).isEqualTo("bc-" + access.getMetadata().getUid());
        assertThat(info.at("/spec/bucketName").asText()).isEqualTo(bucketName);
        assertThat(info.at("/spec/authenticationType").asText()).isEqualTo("Key");
        assertThat(info.at("/spec/protocols").toString()).isEqualTo("[\"S3\"]");
        assertThat(info.at("/spec/secretS3/endpoint").asText()).isEqualTo(SERVER.endpoint().toString());
        assertThat(info.at("/spec/secretS3/region").asText()).isEqualTo(StowageServerExtension.REGION);
        assertThat(secret.getData()).containsKey(CredentialsSecret.BUCKET_INFO).doesNotContainKey(CredentialsSecret.CA_BUNDLE);
        assertThat(SecretData.decode(secret, "COSI_S3_BUCKET_ID")).isEqualTo(bucketName);
        assertThat(secret.getMetadata().getFinalizers()).contains(CosiApi.SECRET_PROTECTION);

        String other = "other-" + suffix;
        try (S3Client root = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY);
             S3Client s3 = s3(info)) {
            root.createBucket(b -> b.bucket(other));
            s3.putObject(b -> b.bucket(bucketName).key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucketName).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> s3.putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(other).key("k")))).isEqualTo(403);
        }

        Bucket bucket = client.resources(Bucket.class).withName(bucketName).get();
        assertThat(bucket.getStatus().getBucketReady()).isTrue();
        assertThat(bucket.getStatus().getBucketID()).isEqualTo(ns + "/" + BACKEND_SECRET + "/" + bucketName);
        assertThat(bucket.getSpec().getDriverName()).isEqualTo(DRIVER);
        assertThat(bucket.getMetadata().getFinalizers())
                .contains(CosiApi.BUCKET_PROTECTION, CosiApi.BUCKET_ACCESS_BUCKET_PROTECTION);
        BucketClaim readyClaim = claim("data");
        assertThat(readyClaim.getStatus().getBucketName()).isEqualTo(bucketName);
        assertThat(readyClaim.getStatus().getBucketReady()).isTrue();
        assertThat(readyClaim.getMetadata().getFinalizers()).contains(CosiApi.BUCKET_CLAIM_PROTECTION);
        BucketAccess granted = awaitAccess("data-rw", a -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAccessGranted()));
        assertThat(granted.getStatus().getAccountID()).isEqualTo("ba-" + access.getMetadata().getUid());
        assertThat(granted.getMetadata().getFinalizers()).contains(CosiApi.BUCKET_ACCESS_PROTECTION);
        assertThat(meters.get("stowage_provisioning_provisioned").tag("frontend", "cosi").counter().count()).isEqualTo(1.0);
        var latency = meters.get("stowage_provisioning_claim_to_credentials").tag("frontend", "cosi").timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.max(TimeUnit.SECONDS)).isLessThan(Eventually.TIMEOUT.toSeconds());
    }

    @Test
    void aReadOnlyAccessClassGivesCredentialsThatReadButDoNotWrite() throws Exception {
        createBucketClass("retain", CosiApi.DELETION_POLICY_RETAIN, Map.of());
        createAccessClass("rw", Map.of());
        createAccessClass("ro", Map.of(CosiProvisioner.ACCESS_MODE, "read-only"));
        BucketClaim claim = createClaim("shared", "retain");
        createAccess("writer", "shared", "rw", "writer-creds");
        createAccess("reader", "shared", "ro", "reader-creds");
        String bucketName = CosiApi.bucketName(claim);

        try (S3Client writer = s3(bucketInfo(awaitSecret("writer-creds")));
             S3Client reader = s3(bucketInfo(awaitSecret("reader-creds")))) {
            writer.putObject(b -> b.bucket(bucketName).key("k"), RequestBody.fromString("v"));
            assertThat(reader.getObjectAsBytes(b -> b.bucket(bucketName).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> reader.putObject(b -> b.bucket(bucketName).key("k2"), RequestBody.fromString("v"))))
                    .isEqualTo(403);
        }
    }

    @Test
    void deletingTheAccessRevokesTheKeyAndDeletesTheSecret() throws Exception {
        createBucketClass("retain", CosiApi.DELETION_POLICY_RETAIN, Map.of());
        createAccessClass("rw", Map.of());
        BucketClaim claim = createClaim("data", "retain");
        BucketAccess access = createAccess("data-rw", "data", "rw", "data-creds");
        JsonNode info = bucketInfo(awaitSecret("data-creds"));
        String bucketName = CosiApi.bucketName(claim);

        client.resources(BucketAccess.class).inNamespace(ns).withName("data-rw").delete();

        Eventually.await("the BucketAccess gone", () -> client.resources(BucketAccess.class).inNamespace(ns)
                .withName("data-rw").get() == null ? "gone" : null);
        assertThat(client.secrets().inNamespace(ns).withName("data-creds").get()).isNull();
        assertThat(backend.keys(CosiApi.accountName(access))).isEmpty();
        try (S3Client s3 = s3(info)) {
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucketName).key("k"), RequestBody.fromString("v"))))
                    .isEqualTo(403);
        }
        Eventually.await("the Bucket without the access finalizer", () -> client.resources(Bucket.class).withName(bucketName).get(),
                b -> !b.hasFinalizer(CosiApi.BUCKET_ACCESS_BUCKET_PROTECTION));
    }

    @Test
    void deletingTheClaimDeletesTheBucketOnlyWithDeletionPolicyDelete() throws Exception {
        createBucketClass("delete", CosiApi.DELETION_POLICY_DELETE, Map.of(CosiProvisioner.PURGE_ON_DELETE, "true"));
        createBucketClass("retain", CosiApi.DELETION_POLICY_RETAIN, Map.of());
        createAccessClass("rw", Map.of());
        BucketClaim doomed = createClaim("doomed", "delete");
        BucketClaim kept = createClaim("kept", "retain");
        createAccess("doomed-rw", "doomed", "rw", "doomed-creds");
        try (S3Client s3 = s3(bucketInfo(awaitSecret("doomed-creds")))) {
            s3.putObject(b -> b.bucket(CosiApi.bucketName(doomed)).key("k"), RequestBody.fromString("v"));
        }
        awaitClaim("kept", c -> c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().getBucketReady()));

        client.resources(BucketClaim.class).inNamespace(ns).withName("doomed").delete();
        client.resources(BucketClaim.class).inNamespace(ns).withName("kept").delete();

        for (BucketClaim claim : List.of(doomed, kept)) {
            String name = claim.getMetadata().getName();
            Eventually.await("claim " + name + " gone", () -> claim(name) == null ? "gone" : null);
            Eventually.await("Bucket of " + name + " gone",
                    () -> client.resources(Bucket.class).withName(CosiApi.bucketName(claim)).get() == null ? "gone" : null);
        }
        assertThat(client.resources(BucketAccess.class).inNamespace(ns).withName("doomed-rw").get()).isNull();
        assertThat(client.secrets().inNamespace(ns).withName("doomed-creds").get()).isNull();
        assertThat(backend.findBucket(CosiApi.bucketName(doomed))).isEmpty();
        assertThat(backend.findBucket(CosiApi.bucketName(kept))).isPresent();
    }

    @Test
    void rotationWritesANewKeyAndRevokesTheOldOneAfterTheGrace() throws Exception {
        createBucketClass("retain", CosiApi.DELETION_POLICY_RETAIN, Map.of());
        createAccessClass("rw", Map.of());
        BucketClaim claim = createClaim("data", "retain");
        BucketAccess access = createAccess("data-rw", "data", "rw", "data-creds");
        JsonNode before = bucketInfo(awaitSecret("data-creds"));
        String bucketName = CosiApi.bucketName(claim);
        awaitAccess("data-rw", a -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAccessGranted()));

        client.resources(BucketAccess.class).inNamespace(ns).withName("data-rw").edit(a -> {
            a.getMetadata().getAnnotations().put(CosiAnnotations.ROTATE_CREDENTIALS, "2026-11-22");
            return a;
        });

        awaitAccess("data-rw", a -> "2026-11-22".equals(a.getMetadata().getAnnotations().get(CosiAnnotations.CREDENTIALS_ROTATED)));
        Secret rotated = client.secrets().inNamespace(ns).withName("data-creds").get();
        JsonNode after = bucketInfo(rotated);
        String oldKey = before.at("/spec/secretS3/accessKeyID").asText();
        String newKey = after.at("/spec/secretS3/accessKeyID").asText();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(rotated.getMetadata().getAnnotations()).containsEntry("stowage.io/retiring-key", oldKey)
                .containsKey("stowage.io/retire-at");
        // within the grace both keys work: a pod still reading the old Secret is not cut off
        try (S3Client fresh = s3(after); S3Client stale = s3(before)) {
            fresh.putObject(b -> b.bucket(bucketName).key("k"), RequestBody.fromString("v"));
            assertThat(stale.getObjectAsBytes(b -> b.bucket(bucketName).key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(backend.keys(CosiApi.accountName(access))).containsExactlyInAnyOrder(oldKey, newKey);
        awaitEvent(ns, "CredentialsRotated", "data-rw");
        assertThat(events(ns, "KeyRetired", "data-rw")).isZero();

        Eventually.await("only the new key on the account", () -> backend.keys(CosiApi.accountName(access)),
                k -> k.equals(List.of(newKey)));
        try (S3Client fresh = s3(after); S3Client stale = s3(before)) {
            assertThat(fresh.getObjectAsBytes(b -> b.bucket(bucketName).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> stale.getObjectAsBytes(b -> b.bucket(bucketName).key("k")))).isEqualTo(403);
        }
        awaitEvent(ns, "KeyRetired", "data-rw");
        Eventually.await("the retirement's record gone from the Secret",
                () -> client.secrets().inNamespace(ns).withName("data-creds").get().getMetadata().getAnnotations(),
                a -> !a.containsKey("stowage.io/retiring-key") && !a.containsKey("stowage.io/retire-at"));
        assertThat(bucketInfo(client.secrets().inNamespace(ns).withName("data-creds").get())).isEqualTo(after);
    }

    /** The provisioner's half of rotation: the earlier key keeps working until it is retired. */
    @Test
    void anAdditionalKeyLeavesTheEarlierOneWorkingUntilItIsRetired() throws Exception {
        CosiProvisioner provisioner = new CosiProvisioner(DRIVER, new ResolvedCosiBackends(null, backend), ns);
        String bucketId = provisioner.createBucket("rotate-" + suffix, Map.of());
        GrantedAccess first = provisioner.grantAdditionalKey(bucketId, "acct-" + suffix, Map.of());
        GrantedAccess second = provisioner.grantAdditionalKey(bucketId, "acct-" + suffix, Map.of());

        try (S3Client one = SERVER.s3As(first.key().id(), first.key().secret());
             S3Client two = SERVER.s3As(second.key().id(), second.key().secret())) {
            one.putObject(b -> b.bucket("rotate-" + suffix).key("k"), RequestBody.fromString("v"));
            two.putObject(b -> b.bucket("rotate-" + suffix).key("k"), RequestBody.fromString("v"));

            assertThat(provisioner.retireKeysOtherThan(bucketId, "acct-" + suffix, second.key().id(), Set.of()))
                    .containsExactly(first.key().id());

            assertThat(status(() -> one.getObjectAsBytes(b -> b.bucket("rotate-" + suffix).key("k")))).isEqualTo(403);
            assertThat(two.getObjectAsBytes(b -> b.bucket("rotate-" + suffix).key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(backend.keys("acct-" + suffix)).containsExactly(second.key().id());
    }

    @Test
    void abandonReleasesWhatABrokenBackendHolds() throws Exception {
        createBucketClass("delete", CosiApi.DELETION_POLICY_DELETE, Map.of());
        createAccessClass("rw", Map.of());
        BucketClaim claim = createClaim("data", "delete");
        createAccess("data-rw", "data", "rw", "data-creds");
        awaitSecret("data-creds");
        client.secrets().inNamespace(ns).resource(backendSecret("http://127.0.0.1:1", "http://127.0.0.1:1")).update();

        client.resources(BucketAccess.class).inNamespace(ns).withName("data-rw").delete();
        awaitEvent(ns, "BackendUnavailable", "data-rw");
        assertThat(awaitAccess("data-rw", BucketAccess::isMarkedForDeletion).hasFinalizer(CosiApi.BUCKET_ACCESS_PROTECTION)).isTrue();

        annotateAbandon(client.resources(BucketAccess.class).inNamespace(ns).withName("data-rw").get());
        Eventually.await("the abandoned BucketAccess gone",
                () -> client.resources(BucketAccess.class).inNamespace(ns).withName("data-rw").get() == null ? "gone" : null);
        assertThat(client.secrets().inNamespace(ns).withName("data-creds").get()).isNull();
        awaitEvent(ns, "Abandoned", "data-rw");

        client.resources(BucketClaim.class).inNamespace(ns).withName("data").delete();
        awaitEvent(clusterEventNamespace(), "BackendUnavailable", CosiApi.bucketName(claim));
        assertThat(claim("data").isMarkedForDeletion()).isTrue();
        annotateAbandon(claim("data"));
        Eventually.await("the abandoned claim gone", () -> claim("data") == null ? "gone" : null);
        Eventually.await("its Bucket gone",
                () -> client.resources(Bucket.class).withName(CosiApi.bucketName(claim)).get() == null ? "gone" : null);
        assertThat(backend.findBucket(CosiApi.bucketName(claim))).as("left on the backend").isPresent();
    }

    @Test
    void aSecondOperatorOnTheSameObjectsMakesNoDuplicates() throws Exception {
        createBucketClass("retain", CosiApi.DELETION_POLICY_RETAIN, Map.of());
        createAccessClass("rw", Map.of());
        BucketClaim claim = createClaim("data", "retain");
        BucketAccess access = createAccess("data-rw", "data", "rw", "data-creds");
        Secret before = awaitSecret("data-creds");
        String bucketName = CosiApi.bucketName(claim);
        awaitAccess("data-rw", a -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAccessGranted()));

        stopOperator();
        // as if the first operator had crashed before writing any status
        client.resources(Bucket.class).withName(bucketName).editStatus(b -> {
            b.setStatus(null);
            return b;
        });
        client.resources(BucketAccess.class).inNamespace(ns).withName("data-rw").editStatus(a -> {
            a.setStatus(null);
            return a;
        });
        startOperator();

        awaitAccess("data-rw", a -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAccessGranted()));
        Eventually.await("the Bucket ready again", () -> client.resources(Bucket.class).withName(bucketName).get(),
                b -> b.getStatus() != null && Boolean.TRUE.equals(b.getStatus().getBucketReady()));
        assertThat(client.resources(Bucket.class).list().getItems()).filteredOn(b -> b.getSpec().getBucketClaim() != null
                && claim.getMetadata().getUid().equals(b.getSpec().getBucketClaim().getUid())).hasSize(1);
        JsonNode info = bucketInfo(client.secrets().inNamespace(ns).withName("data-creds").get());
        assertThat(info).isEqualTo(bucketInfo(before));
        assertThat(backend.keys(CosiApi.accountName(access))).containsExactly(info.at("/spec/secretS3/accessKeyID").asText());
        try (S3Client s3 = s3(info)) {
            s3.putObject(b -> b.bucket(bucketName).key("k"), RequestBody.fromString("v"));
        }
    }

    @Test
    void aBucketWhoseIdWasNeverRecordedIsStillDeleted() {
        createBucketClass("delete", CosiApi.DELETION_POLICY_DELETE, Map.of());
        BucketClaim claim = createClaim("data", "delete");
        String bucketName = CosiApi.bucketName(claim);
        awaitClaim("data", c -> c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().getBucketReady()));

        stopOperator();
        // as if the operator had crashed between creating the bucket and recording its id
        client.resources(Bucket.class).withName(bucketName).editStatus(b -> {
            b.setStatus(null);
            return b;
        });
        client.resources(BucketClaim.class).inNamespace(ns).withName("data").delete();
        client.resources(Bucket.class).withName(bucketName).delete();
        startOperator();

        Eventually.await("the claim gone", () -> claim("data") == null ? "gone" : null);
        Eventually.await("the Bucket gone", () -> client.resources(Bucket.class).withName(bucketName).get() == null ? "gone" : null);
        assertThat(backend.findBucket(bucketName)).isEmpty();
    }

    /**
     * Sidecar mode alone (no --cosi-controller), beside an upstream COSI controller that the test plays: it binds a
     * claim to a Bucket it made. Buckets and BucketAccesses of this driver are served; a BucketClaim is not (the
     * controller's part), nor a Bucket or BucketAccessClass naming another driver.
     */
    @Test
    void withoutTheControllerTheSidecarServesOnlyThisDriversBucketsAndAccesses() throws Exception {
        stopOperator();
        startOperator(false);
        createBucketClass("retain", CosiApi.DELETION_POLICY_RETAIN, Map.of());
        createAccessClass("rw", Map.of());
        createAccessClass("foreign", "other.example.com", Map.of());
        BucketClaim unbound = createClaim("unbound", "retain");
        Bucket theirs = client.resource(staticBucket("theirs-" + suffix, "other.example.com", null)).create();
        createClaim("bound", "retain");
        client.resource(staticBucket("ours-" + suffix, DRIVER.toUpperCase(Locale.ROOT), "bound")).create();
        // what the upstream controller does once it has made a claim's Bucket
        client.resources(BucketClaim.class).inNamespace(ns).withName("bound").editStatus(c -> {
            c.setStatus(new BucketClaimStatus());
            c.getStatus().setBucketName("ours-" + suffix);
            return c;
        });
        createAccess("foreign-access", "bound", "foreign", "foreign-creds");
        createAccess("ours-access", "bound", "rw", "ours-creds");

        Bucket ours = Eventually.await("our Bucket ready", () -> client.resources(Bucket.class).withName("ours-" + suffix).get(),
                b -> b.getStatus() != null && Boolean.TRUE.equals(b.getStatus().getBucketReady()));
        assertThat(ours.getStatus().getBucketID()).endsWith("ours-" + suffix);
        assertThat(ours.getMetadata().getFinalizers()).contains(CosiApi.BUCKET_PROTECTION);
        awaitClaim("bound", c -> Boolean.TRUE.equals(c.getStatus().getBucketReady()));
        try (S3Client s3 = s3(bucketInfo(awaitSecret("ours-creds")))) {
            s3.putObject(b -> b.bucket("ours-" + suffix).key("k"), RequestBody.fromString("v"));
        }
        cluster.settle();

        assertThat(backend.findBucket("theirs-" + suffix)).as("another driver's bucket").isEmpty();
        Bucket theirsNow = client.resources(Bucket.class).withName("theirs-" + suffix).get();
        assertThat(theirsNow.getStatus()).isNull();
        assertThat(theirsNow.getMetadata().getFinalizers()).isEmpty();
        assertThat(theirsNow.getMetadata().getResourceVersion()).isEqualTo(theirs.getMetadata().getResourceVersion());
        BucketAccess foreign = client.resources(BucketAccess.class).inNamespace(ns).withName("foreign-access").get();
        assertThat(foreign.getStatus()).as("an access of another driver's class").isNull();
        assertThat(foreign.getMetadata().getFinalizers()).isEmpty();
        assertThat(client.secrets().inNamespace(ns).withName("foreign-creds").get()).isNull();
        BucketClaim unboundNow = claim("unbound");
        assertThat(unboundNow.getStatus()).as("a claim, the controller's to bind").isNull();
        assertThat(unboundNow.getMetadata().getFinalizers()).isEmpty();
        assertThat(unboundNow.getMetadata().getResourceVersion()).isEqualTo(unbound.getMetadata().getResourceVersion());
        assertThat(client.resources(Bucket.class).withName(CosiApi.bucketName(unbound)).get()).isNull();
        assertThat(claim("bound").getMetadata().getFinalizers()).as("the controller's finalizer is not the sidecar's to add")
                .isEmpty();
    }

    /** A Bucket made outside the operator, as an admin or the upstream controller does; bound to {@code claim} unless null. */
    private Bucket staticBucket(String name, String driver, String claim) {
        Bucket bucket = new Bucket();
        bucket.getMetadata().setName(name);
        bucket.getSpec().setDriverName(driver);
        bucket.getSpec().setBucketClassName(className("retain"));
        bucket.getSpec().setDeletionPolicy(CosiApi.DELETION_POLICY_RETAIN);
        bucket.getSpec().setProtocols(List.of(CosiApi.PROTOCOL_S3));
        bucket.getSpec().setParameters(Map.of(CosiProvisioner.BACKEND_SECRET, ns + "/" + BACKEND_SECRET));
        if (claim != null) {
            bucket.getSpec().setBucketClaim(new ObjectReferenceBuilder()
                    .withNamespace(ns).withName(claim).build());
        }
        return bucket;
    }

    @Test
    void aClaimBindsToAnExistingBucket() throws Exception {
        createAccessClass("rw", Map.of());
        String existing = "legacy-" + suffix;
        backend.createBucket(existing, BucketQuota.NONE);
        Bucket bucket = new Bucket();
        bucket.getMetadata().setName(existing);
        bucket.getSpec().setDriverName(DRIVER);
        bucket.getSpec().setDeletionPolicy(CosiApi.DELETION_POLICY_RETAIN);
        bucket.getSpec().setExistingBucketID(ns + "/" + BACKEND_SECRET + "/" + existing);
        client.resource(bucket).create();
        BucketClaim claim = new BucketClaim();
        claim.getMetadata().setName("legacy");
        claim.getMetadata().setNamespace(ns);
        claim.getSpec().setExistingBucketName(existing);
        client.resource(claim).create();
        createAccess("legacy-rw", "legacy", "rw", "legacy-creds");

        JsonNode info = bucketInfo(awaitSecret("legacy-creds"));
        assertThat(info.at("/spec/bucketName").asText()).isEqualTo(existing);
        try (S3Client s3 = s3(info)) {
            s3.putObject(b -> b.bucket(existing).key("k"), RequestBody.fromString("v"));
        }
        BucketClaim bound = claim("legacy");
        assertThat(bound.getStatus().getBucketName()).isEqualTo(existing);
        assertThat(bound.getStatus().getBucketReady()).isTrue();
        assertThat(client.resources(Bucket.class).withName(existing).get().getSpec().getBucketClaim().getName())
                .isEqualTo("legacy");
    }

    @Test
    void invalidParametersAreReportedOnceAndNotRetriedInALoop() throws Exception {
        createBucketClass("typo", CosiApi.DELETION_POLICY_RETAIN, Map.of("maxSise", "1Gi"));
        createClaim("typo", "typo");

        awaitEvent(ns, "InvalidParameters", "typo");
        Thread.sleep(2_000);
        long reported = events(ns, "InvalidParameters", "typo");
        Thread.sleep(4_000);
        assertThat(events(ns, "InvalidParameters", "typo")).isEqualTo(reported);
        assertThat(client.v1().events().inNamespace(ns).list().getItems()).filteredOn(e -> "InvalidParameters".equals(e.getReason()))
                .extracting(e -> e.getMessage()).allMatch(m -> m.contains("'maxSise'"));
        assertThat(claim("typo").getStatus().getBucketReady()).isNotEqualTo(Boolean.TRUE);
        // one failure counted per attempt, each reported on the claim
        assertThat(meters.get("stowage_provisioning_failures").tag("frontend", "cosi").tag("reason", "InvalidParameters")
                .counter().count()).isEqualTo(reported);
    }

    @Test
    void theClaimsAnnotationsSetTheQuotaAndItFollowsTheirChanges() throws Exception {
        createBucketClass("quota", CosiApi.DELETION_POLICY_RETAIN, Map.of("maxSize", "10Gi", "maxObjects", "100"));
        createAccessClass("rw", Map.of());
        BucketClaim claim = createClaim("data", "quota", Map.of(CosiAnnotations.MAX_OBJECTS, "1"));
        createAccess("data-rw", "data", "rw", "data-creds");
        String bucketName = CosiApi.bucketName(claim);

        try (S3Client s3 = s3(bucketInfo(awaitSecret("data-creds")))) {
            assertThat(backend.findBucket(bucketName).orElseThrow().quota()).isEqualTo(new BucketQuota(10L << 30, 1));
            s3.putObject(b -> b.bucket(bucketName).key("one"), RequestBody.fromString("1"));
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucketName).key("two"), RequestBody.fromString("2"))))
                    .isEqualTo(400);

            editClaim("data", c -> {
                c.getMetadata().getAnnotations().put(CosiAnnotations.MAX_OBJECTS, "3");
                c.getMetadata().getAnnotations().put(CosiAnnotations.MAX_SIZE, "1Mi");
            });
            Eventually.await("the new quota on the server", () -> backend.findBucket(bucketName).orElseThrow().quota(),
                    q -> q.equals(new BucketQuota(1L << 20, 3)));
            s3.putObject(b -> b.bucket(bucketName).key("two"), RequestBody.fromString("2"));
        }
        awaitEvent(ns, "QuotaUpdated", "data");

        editClaim("data", c -> c.getMetadata().getAnnotations().put(CosiAnnotations.MAX_SIZE, "a lot"));
        awaitEvent(ns, "InvalidQuota", "data");
        assertThat(backend.findBucket(bucketName).orElseThrow().quota()).isEqualTo(new BucketQuota(1L << 20, 3));

        editClaim("data", c -> {
            c.getMetadata().getAnnotations().remove(CosiAnnotations.MAX_SIZE);
            c.getMetadata().getAnnotations().remove(CosiAnnotations.MAX_OBJECTS);
        });
        Eventually.await("the class's quota again", () -> backend.findBucket(bucketName).orElseThrow().quota(),
                q -> q.equals(new BucketQuota(10L << 30, 100)));
        assertThat(meters.get("stowage_provisioning_failures").tag("frontend", "cosi").tag("reason", "InvalidQuota")
                .counter().count()).isPositive();
    }

    @Test
    void aRotationWhoseSecretWriteFailsKeepsTheOldKeyUntilTheSecretHoldsTheNewOne() throws Exception {
        createBucketClass("retain", CosiApi.DELETION_POLICY_RETAIN, Map.of());
        createAccessClass("rw", Map.of());
        BucketClaim claim = createClaim("data", "retain");
        BucketAccess access = createAccess("data-rw", "data", "rw", "data-creds");
        JsonNode before = bucketInfo(awaitSecret("data-creds"));
        String bucketName = CosiApi.bucketName(claim);
        String oldKey = before.at("/spec/secretS3/accessKeyID").asText();
        awaitAccess("data-rw", a -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAccessGranted()));

        failingWrites.arm(ns, "data-creds");
        client.resources(BucketAccess.class).inNamespace(ns).withName("data-rw").edit(a -> {
            a.getMetadata().getAnnotations().put(CosiAnnotations.ROTATE_CREDENTIALS, "r1");
            return a;
        });
        Eventually.await("two failed writes of the Secret", () -> failingWrites.refused(), n -> n >= 2);

        assertThat(bucketInfo(client.secrets().inNamespace(ns).withName("data-creds").get())).isEqualTo(before);
        assertThat(backend.keys(CosiApi.accountName(access))).contains(oldKey);
        try (S3Client stale = s3(before)) {
            stale.putObject(b -> b.bucket(bucketName).key("k"), RequestBody.fromString("v"));
            assertThat(stale.getObjectAsBytes(b -> b.bucket(bucketName).key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(client.resources(BucketAccess.class).inNamespace(ns).withName("data-rw").get().getMetadata()
                .getAnnotations()).doesNotContainKey(CosiAnnotations.CREDENTIALS_ROTATED);

        failingWrites.disarm();

        awaitAccess("data-rw", a -> "r1".equals(a.getMetadata().getAnnotations().get(CosiAnnotations.CREDENTIALS_ROTATED)));
        JsonNode after = bucketInfo(client.secrets().inNamespace(ns).withName("data-creds").get());
        String newKey = after.at("/spec/secretS3/accessKeyID").asText();
        assertThat(newKey).isNotEqualTo(oldKey);
        Eventually.await("only the new key on the account, after the grace", () -> backend.keys(CosiApi.accountName(access)),
                k -> k.equals(List.of(newKey)));
        try (S3Client fresh = s3(after); S3Client stale = s3(before)) {
            assertThat(fresh.getObjectAsBytes(b -> b.bucket(bucketName).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> stale.getObjectAsBytes(b -> b.bucket(bucketName).key("k")))).isEqualTo(403);
        }
    }

    @Test
    void aKeyLeftBehindByTwoCrashesIsRetired() throws Exception {
        createBucketClass("retain", CosiApi.DELETION_POLICY_RETAIN, Map.of());
        createAccessClass("rw", Map.of());
        BucketClaim claim = createClaim("data", "retain");
        BucketAccess access = createAccess("data-rw", "data", "rw", "data-creds");
        JsonNode info = bucketInfo(awaitSecret("data-creds"));
        String bucketName = CosiApi.bucketName(claim);
        String account = CosiApi.accountName(access);
        awaitAccess("data-rw", a -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAccessGranted()));

        stopOperator();
        // What two crashes leave: the first after a grant made a key but before the Secret held it, the second
        // after the next grant wrote its key to the Secret but before the other keys were retired and the
        // status written.
        AccessKey orphan = AccessKey.generate();
        backend.createKey(account, orphan, Optional.of(new BucketGrant(bucketName, AccessMode.READ_WRITE)));
        client.resources(BucketAccess.class).inNamespace(ns).withName("data-rw").editStatus(a -> {
            a.setStatus(null);
            return a;
        });
        startOperator();

        awaitAccess("data-rw", a -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAccessGranted()));
        String secretKey = info.at("/spec/secretS3/accessKeyID").asText();
        Eventually.await("only the Secret's key on the account", () -> backend.keys(account), k -> k.equals(List.of(secretKey)));
        assertThat(bucketInfo(client.secrets().inNamespace(ns).withName("data-creds").get())).isEqualTo(info);
        try (S3Client s3 = s3(info); S3Client orphaned = SERVER.s3As(orphan.id(), orphan.secret())) {
            s3.putObject(b -> b.bucket(bucketName).key("k"), RequestBody.fromString("v"));
            assertThat(status(() -> orphaned.getObjectAsBytes(b -> b.bucket(bucketName).key("k")))).isEqualTo(403);
        }
    }

    private Secret backendSecret(String s3Endpoint, String adminEndpoint) {
        return new SecretBuilder().withNewMetadata().withName(BACKEND_SECRET).withNamespace(ns).endMetadata()
                .withData(TestBackends.encoded(Map.of("s3Endpoint", s3Endpoint, "adminEndpoint", adminEndpoint,
                        "adminToken", StowageServerExtension.ADMIN_TOKEN)))
                .build();
    }

    private String className(String name) {
        return name + "-" + suffix;
    }

    private void createBucketClass(String name, String deletionPolicy, Map<String, String> parameters) {
        BucketClass bucketClass = new BucketClass();
        bucketClass.getMetadata().setName(className(name));
        bucketClass.setDriverName(DRIVER);
        bucketClass.setDeletionPolicy(deletionPolicy);
        Map<String, String> all = new HashMap<>(parameters);
        all.put(CosiProvisioner.BACKEND_SECRET, BACKEND_SECRET);
        bucketClass.setParameters(all);
        client.resource(bucketClass).create();
    }

    private void createAccessClass(String name, Map<String, String> parameters) {
        createAccessClass(name, DRIVER, parameters);
    }

    private void createAccessClass(String name, String driver, Map<String, String> parameters) {
        BucketAccessClass accessClass = new BucketAccessClass();
        accessClass.getMetadata().setName(className(name));
        accessClass.setDriverName(driver);
        accessClass.setAuthenticationType(CosiApi.AUTHENTICATION_KEY);
        accessClass.setParameters(parameters);
        client.resource(accessClass).create();
    }

    private BucketClaim createClaim(String name, String bucketClass) {
        return createClaim(name, bucketClass, Map.of());
    }

    private BucketClaim createClaim(String name, String bucketClass, Map<String, String> annotations) {
        BucketClaim claim = new BucketClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setNamespace(ns);
        claim.getMetadata().setAnnotations(new HashMap<>(annotations));
        claim.getSpec().setBucketClassName(className(bucketClass));
        claim.getSpec().setProtocols(List.of(CosiApi.PROTOCOL_S3));
        return client.resource(claim).create();
    }

    private BucketAccess createAccess(String name, String claim, String accessClass, String secret) {
        BucketAccess access = new BucketAccess();
        access.getMetadata().setName(name);
        access.getMetadata().setNamespace(ns);
        access.getSpec().setBucketClaimName(claim);
        access.getSpec().setBucketAccessClassName(className(accessClass));
        access.getSpec().setCredentialsSecretName(secret);
        access.getSpec().setProtocol(CosiApi.PROTOCOL_S3);
        return client.resource(access).create();
    }

    private void annotateAbandon(HasMetadata object) {
        client.resource(object).edit(o -> {
            CosiAnnotations.set(o, CosiAnnotations.ABANDON, "true");
            return o;
        });
    }

    private BucketClaim claim(String name) {
        return client.resources(BucketClaim.class).inNamespace(ns).withName(name).get();
    }

    private void editClaim(String name, Consumer<BucketClaim> change) {
        client.resources(BucketClaim.class).inNamespace(ns).withName(name).edit(c -> {
            if (c.getMetadata().getAnnotations() == null) {
                c.getMetadata().setAnnotations(new HashMap<>());
            }
            change.accept(c);
            return c;
        });
    }

    private BucketClaim awaitClaim(String name, Predicate<BucketClaim> condition) {
        return Eventually.await("BucketClaim " + name, () -> claim(name), condition);
    }

    private BucketAccess awaitAccess(String name, Predicate<BucketAccess> condition) {
        return Eventually.await("BucketAccess " + name,
                () -> client.resources(BucketAccess.class).inNamespace(ns).withName(name).get(), condition);
    }

    private Secret awaitSecret(String name) {
        return Eventually.await("Secret " + name, () -> client.secrets().inNamespace(ns).withName(name).get());
    }

    /** Where events on cluster-scoped objects (Buckets) go: see KubeEvents. */
    private static String clusterEventNamespace() {
        return "default";
    }

    private void awaitEvent(String namespace, String reason, String object) {
        Eventually.await("a " + reason + " event on " + object, () -> events(namespace, reason, object) > 0 ? "seen" : null);
    }

    private long events(String namespace, String reason, String object) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && object.equals(e.getInvolvedObject().getName())).count();
    }

    private static JsonNode bucketInfo(Secret secret) throws Exception {
        return JSON.readTree(SecretData.decode(secret, CredentialsSecret.BUCKET_INFO));
    }

    private static S3Client s3(JsonNode info) {
        return SERVER.s3As(info.at("/spec/secretS3/accessKeyID").asText(), info.at("/spec/secretS3/accessSecretKey").asText());
    }

    private static int status(Supplier<?> call) {
        try {
            call.get();
            return 200;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }
}
