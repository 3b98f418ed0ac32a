package io.stowage.kube.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.rgw.RgwServer;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.ResolvedCosiBackends;
import io.stowage.kube.cosi.crd.BucketAccess;
import io.stowage.kube.cosi.crd.BucketAccessClass;
import io.stowage.kube.cosi.crd.BucketClaim;
import io.stowage.kube.cosi.crd.BucketClass;
import io.stowage.kube.cosi.crd.CosiApi;
import io.stowage.kube.cosi.operator.BucketAccessReconciler;
import io.stowage.kube.cosi.operator.BucketClaimReconciler;
import io.stowage.kube.cosi.operator.BucketReconciler;
import io.stowage.kube.cosi.operator.CredentialsSecret;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.obc.ClaimPhase;
import io.stowage.kube.obc.ObcReconciler;
import io.stowage.kube.obc.ObcResources;
import io.stowage.kube.obc.ObjectBucketClaim;
import io.stowage.kube.operator.Eventually;
import io.stowage.kube.operator.ProvisioningConfig;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.secretclaim.ClaimAnnotations;
import io.stowage.kube.secretclaim.SecretClaimReconciler;
import io.stowage.kube.secretclaim.SecretClaimSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One claim per front end (ObjectBucketClaim, COSI BucketClaim and BucketAccess in the operator's sidecar mode,
 * annotated Secret) against a real Ceph RGW (Pacific, started by {@link RgwServer}) as the backend, on fabric8's mock
 * API server: the credentials each front end delivers write and read their bucket, are refused on another bucket of
 * the same RGW, and deleting the claim does what its policy says. Skipped, with the reason, where Ceph is not installed.
 */
@ExtendWith(TestClusterExtension.class)
class RgwProvisioningIT {

    private static final String BACKEND_SECRET = "rgw-backend";
    private static final String DRIVER = "stowage.io";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RgwServer rgw;

    private TestCluster cluster;
    private KubernetesClient client;
    private String ns;
    private String suffix;
    private String otherBucket;
    private BucketBackend admin;
    private KubernetesClient operatorClient;
    private BackendResolver resolver;
    private Operator operator;

    @BeforeAll
    static void startRgw() throws Exception {
        rgw = RgwServer.start();
    }

    @AfterAll
    static void stopRgw() {
        if (rgw != null) {
            rgw.close();
        }
    }

    @BeforeEach
    void start(TestCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.ns = cluster.namespace();
        this.suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = Map.of("type", "rgw", "s3Endpoint", rgw.endpoint().toString(),
                "adminEndpoint", rgw.endpoint().toString(), "accessKey", rgw.adminKey().id(),
                "secretKey", rgw.adminKey().secret());
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(ns).withName(BACKEND_SECRET).endMetadata()
                .withData(TestBackends.encoded(settings)).build()).create();
        admin = BucketBackends.open(BackendSettings.fromSecretData(settings));
        otherBucket = "other-" + suffix;
        admin.createBucket(otherBucket, BucketQuota.NONE);
        operatorClient = cluster.newClient();
        resolver = new BackendResolver(operatorClient);
        operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
    }

    @AfterEach
    void stop() {
        cluster.settle();
        operator.stop();
        resolver.close();
        operatorClient.close();
        admin.deleteBucket(otherBucket, true);
        admin.close();
    }

    @Test
    void anObjectBucketClaimGetsABucketOnRgwWhichItsDeletionRemovesUnderPolicyDelete() {
        operator.register(new ObcReconciler(operatorClient, resolver, new ProvisioningMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC(), ProvisioningConfig.DEFAULT_ROTATION_GRACE), c -> c.settingNamespaces(ns));
        operator.start();
        String storageClass = "rgw-" + suffix;
        client.resource(new StorageClassBuilder().withNewMetadata().withName(storageClass).endMetadata()
                .withProvisioner("stowage.io/bucket").withReclaimPolicy("Delete")
                .withParameters(Map.of("backendSecret", ns + "/" + BACKEND_SECRET, "maxObjects", "100")).build()).create();
        String bucket = "obc-" + suffix;
        ObjectBucketClaim claim = new ObjectBucketClaim();
        claim.getMetadata().setNamespace(ns);
        claim.getMetadata().setName("photos");
        claim.getSpec().setStorageClassName(storageClass);
        claim.getSpec().setBucketName(bucket);
        client.resource(claim).create();

        ObjectBucketClaim bound = Eventually.await("the claim bound", () -> client.resources(ObjectBucketClaim.class)
                .inNamespace(ns).withName("photos").get(), c -> c.getStatus() != null && c.getStatus().getPhase() == ClaimPhase.Bound);
        assertThat(admin.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(0, 100));
        AccessKey key = ObcResources.key(client.secrets().inNamespace(ns).withName("photos").get()).orElseThrow();
        String account = "obc-" + bound.getMetadata().getUid();
        assertThat(admin.keys(account)).containsExactly(key.id());
        try (S3Client s3 = rgw.s3As(key)) {
            assertWritesItsBucketOnly(s3, bucket);
            s3.deleteObject(b -> b.bucket(bucket).key("k"));
        }

        client.resource(bound).delete();

        // the bucket goes first, then the claim's account with its key
        Eventually.await("the bucket and the account deleted", () -> admin.findBucket(bucket).isEmpty()
                && admin.keys(account).isEmpty() ? "gone" : null);
        try (S3Client s3 = rgw.s3As(key)) {
            assertThat(status(s3::listBuckets)).isEqualTo(403);
        }
    }

    @Test
    void aCosiClaimAndAccessGetABucketOnRgwWhichTheirDeletionRevokesAndRemoves() throws Exception {
        CosiProvisioner provisioner = new CosiProvisioner(DRIVER, new ResolvedCosiBackends(resolver, null), ns);
        KubeEvents events = new KubeEvents(operatorClient, Clock.systemUTC());
        ProvisioningMetrics metrics = new ProvisioningMetrics(new SimpleMeterRegistry());
        operator.register(new BucketReconciler(operatorClient, provisioner, events, metrics, Set.of(ns)),
                c -> c.watchingAllNamespaces());
        operator.register(new BucketAccessReconciler(operatorClient, provisioner, events, metrics, Clock.systemUTC(),
                ProvisioningConfig.DEFAULT_ROTATION_GRACE),
                c -> c.settingNamespace(ns));
        operator.register(new BucketClaimReconciler(operatorClient, events, metrics), c -> c.settingNamespace(ns));
        operator.start();
        BucketClass bucketClass = new BucketClass();
        bucketClass.getMetadata().setName("rgw-" + suffix);
        bucketClass.setDriverName(DRIVER);
        bucketClass.setDeletionPolicy(CosiApi.DELETION_POLICY_DELETE);
        bucketClass.setParameters(Map.of(CosiProvisioner.BACKEND_SECRET, BACKEND_SECRET, CosiProvisioner.PURGE_ON_DELETE, "true"));
        client.resource(bucketClass).create();
        BucketAccessClass accessClass = new BucketAccessClass();
        accessClass.getMetadata().setName("rgw-rw-" + suffix);
        accessClass.setDriverName(DRIVER);
        accessClass.setAuthenticationType(CosiApi.AUTHENTICATION_KEY);
        accessClass.setParameters(Map.of());
        client.resource(accessClass).create();
        BucketClaim claim = new BucketClaim();
        claim.getMetadata().setNamespace(ns);
        claim.getMetadata().setName("data");
        claim.getSpec().setBucketClassName(bucketClass.getMetadata().getName());
        claim.getSpec().setProtocols(List.of(CosiApi.PROTOCOL_S3));
        claim = client.resource(claim).create();
        BucketAccess access = new BucketAccess();
        access.getMetadata().setNamespace(ns);
        access.getMetadata().setName("data-rw");
        access.getSpec().setBucketClaimName("data");
        access.getSpec().setBucketAccessClassName(accessClass.getMetadata().getName());
        access.getSpec().setCredentialsSecretName("data-creds");
        access.getSpec().setProtocol(CosiApi.PROTOCOL_S3);
        access = client.resource(access).create();

        Secret secret = Eventually.await("the credentials Secret", () -> client.secrets().inNamespace(ns).withName("data-creds").get());
        JsonNode info = JSON.readTree(SecretData.decode(secret, CredentialsSecret.BUCKET_INFO));
        assertThat(info.at("/spec/secretS3/endpoint").asText()).isEqualTo(rgw.endpoint().toString());
        String bucket = CosiApi.bucketName(claim);
        AccessKey key = new AccessKey(info.at("/spec/secretS3/accessKeyID").asText(), info.at("/spec/secretS3/accessSecretKey").asText());
        try (S3Client s3 = rgw.s3As(key)) {
            assertWritesItsBucketOnly(s3, bucket);
        }
        // RGW keeps bucket tags: the default access is recorded, as on Stowage
        assertThat(admin.bucketTags(bucket)).containsEntry(CosiProvisioner.DEFAULT_ACCESS_TAG, "read-write");

        client.resource(access).delete();
        Eventually.await("the BucketAccess gone", () -> client.resources(BucketAccess.class).inNamespace(ns)
                .withName("data-rw").get() == null ? "gone" : null);
        assertThat(admin.keys(CosiApi.accountName(access))).isEmpty();
        try (S3Client s3 = rgw.s3As(key)) {
            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
        }

        client.resource(claim).delete();
        Eventually.await("the bucket deleted with its object (purgeOnDelete)", () -> admin.findBucket(bucket).isEmpty() ? "gone" : null);
    }

    @Test
    void anAnnotatedSecretGetsABucketOnRgwOwnedByItsAccountWhichItsDeletionKeeps() {
        operator.register(new SecretClaimReconciler(operatorClient, resolver, new KubeEvents(operatorClient, Clock.systemUTC()),
                new ProvisioningMetrics(new SimpleMeterRegistry()), Clock.systemUTC(),
                new SecretClaimSettings(Optional.empty())), c -> c.settingNamespaces(Set.of(ns)));
        operator.start();
        String bucket = "secret-" + suffix;
        AccessKey key = AccessKey.generate();
        Map<String, String> annotations = new HashMap<>(Map.of(ClaimAnnotations.STOWAGE, "true",
                ClaimAnnotations.BACKEND_SECRET, BACKEND_SECRET, ClaimAnnotations.MAX_OBJECTS, "50"));
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(ns).withName("app").withAnnotations(annotations)
                .endMetadata().withData(TestBackends.encoded(Map.of("bucket-name", bucket, "access-key", key.id(),
                        "access-secret", key.secret()))).build()).create();

        Eventually.await("the Secret provisioned", () -> Optional.ofNullable(client.secrets().inNamespace(ns).withName("app").get())
                .map(s -> s.getMetadata().getAnnotations().get(ClaimAnnotations.PROVISIONED)).orElse(null));
        var state = admin.findBucket(bucket).orElseThrow();
        assertThat(state.owner()).startsWith("secret.");
        assertThat(state.quota()).isEqualTo(new BucketQuota(0, 50));
        assertThat(admin.keys(state.owner())).containsExactly(key.id());
        try (S3Client s3 = rgw.s3As(key)) {
            assertWritesItsBucketOnly(s3, bucket);
        }

        // no finalizer: a deleted Secret leaves its account, key and bucket where they are
        client.secrets().inNamespace(ns).withName("app").delete();
        cluster.settle();
        assertThat(admin.findBucket(bucket)).isPresent();
        try (S3Client s3 = rgw.s3As(key)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }
        admin.deleteBucket(bucket, true);
        admin.deleteAccount(state.owner());
    }

    /** Writes and reads {@code k} in the bucket; the other bucket of the same RGW refuses both. */
    private void assertWritesItsBucketOnly(S3Client s3, String bucket) {
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        assertThat(status(() -> s3.putObject(b -> b.bucket(otherBucket).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
        assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(otherBucket)))).isEqualTo(403);
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
