package io.stowage.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import io.stowage.admin.client.Bucket;
import io.stowage.cli.it.OperatorLauncher;
import io.stowage.cli.it.ServerProcess;
import io.stowage.kube.operator.Eventually;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.provision.BackendResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Each provisioning front end end to end, as a user meets it: the packaged `stowage operator` and
 * `stowage server` processes, the manifests of deploy/examples applied as documented, and the
 * credentials that arrive tried with the AWS SDK.
 *
 * <p>On fabric8's mock API server (the default) nothing garbage-collects owned objects, no RBAC applies
 * and no admission or schema validation runs; with STOWAGE_IT_KUBECONFIG the same tests run against a
 * real cluster, whose API server must reach nothing here but the operator process does the work.
 */
class ProvisioningIT {

    @RegisterExtension
    static final TestClusterExtension CLUSTER = new TestClusterExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServerProcess server;
    private static AdminClient admin;

    @TempDir
    Path dir;

    private TestCluster cluster;
    private KubeObjects kube;
    private OperatorLauncher operator;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start();
        admin = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        admin.close();
        server.stop();
    }

    @BeforeEach
    void startOperator(TestCluster cluster) throws Exception {
        this.cluster = cluster;
        this.kube = new KubeObjects(cluster.client());
        operator = launchOperator();
    }

    @AfterEach
    void stopOperator() throws Exception {
        cluster.settle();
        operator.close();
    }

    private OperatorLauncher launchOperator() throws IOException, InterruptedException {
        String ns = cluster.namespace();
        return OperatorLauncher.start(kubeconfig(), dir.resolve("operator.log"), List.of("--namespaces=" + ns,
                "--provisioners=obc,secret,cosi", "--cosi-controller", "--default-backend=" + ns + "/stowage-backend"));
    }

    private Path kubeconfig() throws IOException {
        if (cluster.isMock()) {
            return OperatorLauncher.mockKubeconfig(dir.resolve("kubeconfig"), cluster.client().getConfiguration().getMasterUrl());
        }
        return Path.of(System.getenv(TestClusterExtension.KUBECONFIG_ENV));
    }

    private List<GenericKubernetesResource> applyExample(String directory) throws IOException {
        List<GenericKubernetesResource> objects = ExampleManifests.load(directory, variables(server), cluster.namespace());
        objects.forEach(kube::apply);
        return objects;
    }

    /** What the examples take from the environment, for this server. */
    private static Map<String, String> variables(ServerProcess target) {
        return Map.of("STOWAGE_S3_ENDPOINT", target.s3Endpoint().toString(),
                "STOWAGE_ADMIN_ENDPOINT", target.adminEndpoint().toString(),
                "STOWAGE_ADMIN_TOKEN", ServerProcess.ADMIN_TOKEN);
    }

    @Test
    void anObjectBucketClaimGetsABucketWhoseCredentialsReachOnlyIt() throws Exception {
        applyExample("obc");
        String ns = cluster.namespace();

        Secret secret = await("the claim's Secret", () -> cluster.client().secrets().inNamespace(ns).withName("photos").get(),
                s -> BackendResolver.data(s).containsKey("AWS_ACCESS_KEY_ID"));
        ConfigMap config = await("the claim's ConfigMap", () -> cluster.client().configMaps().inNamespace(ns).withName("photos").get());
        Map<String, String> credentials = BackendResolver.data(secret);
        String bucket = config.getData().get("BUCKET_NAME");
        assertThat(bucket).startsWith("photos-");
        URI endpoint = URI.create("http://" + config.getData().get("BUCKET_HOST") + ":" + config.getData().get("BUCKET_PORT"));
        assertThat(endpoint).isEqualTo(server.s3Endpoint());
        await("phase Bound", () -> phase(kube.get("ObjectBucketClaim", ns, "photos")), "Bound"::equals);

        try (S3Client s3 = s3(endpoint, credentials.get("AWS_ACCESS_KEY_ID"), credentials.get("AWS_SECRET_ACCESS_KEY"))) {
            assertReachesOnly(s3, bucket);
            s3.deleteObject(b -> b.bucket(bucket).key("hello.txt"));
        }

        kube.delete("ObjectBucketClaim", ns, "photos");
        await("the bucket deleted with its claim (reclaimPolicy Delete)", () -> bucketExists(bucket), exists -> !exists);
        assertThat(operator.body("/metrics")).contains("stowage_provisioning_provisioned_total{frontend=\"obc\"} 1.0")
                .contains("stowage_provisioning_claim_to_credentials_seconds_count{frontend=\"obc\"} 1");
    }

    @Test
    void aRetainedClaimsBucketOutlivesItsClaimButItsKeyDoesNot() throws Exception {
        String ns = cluster.namespace();
        for (GenericKubernetesResource object : ExampleManifests.load("obc", variables(server), ns)) {
            if (object.getKind().equals("StorageClass")) {
                object.setAdditionalProperty("reclaimPolicy", "Retain");
            }
            kube.apply(object);
        }
        Secret secret = await("the claim's Secret", () -> cluster.client().secrets().inNamespace(ns).withName("photos").get(),
                s -> BackendResolver.data(s).containsKey("AWS_ACCESS_KEY_ID"));
        ConfigMap config = await("the claim's ConfigMap", () -> cluster.client().configMaps().inNamespace(ns).withName("photos").get());
        String bucket = config.getData().get("BUCKET_NAME");
        Map<String, String> credentials = BackendResolver.data(secret);

        kube.delete("ObjectBucketClaim", ns, "photos");
        await("the claim gone", () -> kube.get("ObjectBucketClaim", ns, "photos") == null, gone -> gone);

        assertThat(bucketExists(bucket)).as("bucket kept (reclaimPolicy Retain)").isTrue();
        try (S3Client s3 = s3(server.s3Endpoint(), credentials.get("AWS_ACCESS_KEY_ID"), credentials.get("AWS_SECRET_ACCESS_KEY"))) {
            assertThat(status(() -> s3.headBucket(b -> b.bucket(bucket)))).as("the claim's key revoked").isEqualTo(403);
        }
    }

    @Test
    void anAnnotatedSecretGetsItsBucketAndUserAndDeletingItDeletesNothing() throws Exception {
        applyExample("secret");
        String ns = cluster.namespace();
        Map<String, String> fields = BackendResolver.data(cluster.client().secrets().inNamespace(ns).withName("photos-s3").get());
        String bucket = fields.get("bucket-name");

        await("bucket " + bucket, () -> bucketExists(bucket), exists -> exists);
        try (S3Client s3 = s3(server.s3Endpoint(), fields.get("access-key"), fields.get("secret-key"))) {
            await("the Secret's own key works", () -> status(() -> s3.headBucket(b -> b.bucket(bucket))), code -> code == 0);
            assertReachesOnly(s3, bucket);

            cluster.client().secrets().inNamespace(ns).withName("photos-s3").delete();
            // A later Secret provisioned proves the operator has seen the deletion by then.
            cluster.client().secrets().inNamespace(ns).resource(annotatedSecret("later", "later-" + ns, "LATERKEY" + suffix(ns),
                    "later-secret-0123456789")).create();
            await("a later Secret provisioned", () -> bucketExists("later-" + ns), exists -> exists);

            assertThat(bucketExists(bucket)).isTrue();
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("hello.txt")).asUtf8String()).isEqualTo("hello");
        }
    }

    @Test
    void aCosiClaimAndAccessGetBucketInfoCredentialsThatReachOnlyItsBucket() throws Exception {
        applyExample("cosi");
        String ns = cluster.namespace();

        Secret secret = await("the BucketAccess's Secret",
                () -> cluster.client().secrets().inNamespace(ns).withName("photos-credentials").get(),
                s -> BackendResolver.data(s).containsKey("BucketInfo"));
        JsonNode info = JSON.readTree(BackendResolver.data(secret).get("BucketInfo"));
        JsonNode s3Info = info.path("spec").path("secretS3");
        String bucket = info.path("spec").path("bucketName").asText();
        assertThat(bucket).startsWith("bucket-");
        assertThat(s3Info.path("endpoint").asText()).isEqualTo(server.s3Endpoint().toString());
        Map<String, String> flat = BackendResolver.data(secret);
        assertThat(flat).containsEntry("COSI_S3_BUCKET_ID", bucket).containsEntry("COSI_S3_ADDRESSING_STYLE", "path")
                .containsEntry("COSI_S3_ACCESS_KEY_ID", s3Info.path("accessKeyID").asText());

        try (S3Client s3 = s3(URI.create(s3Info.path("endpoint").asText()), s3Info.path("accessKeyID").asText(),
                s3Info.path("accessSecretKey").asText())) {
            assertReachesOnly(s3, bucket);
            s3.deleteObject(b -> b.bucket(bucket).key("hello.txt"));

            kube.delete("BucketAccess", ns, "photos-writer");
            await("the credentials Secret deleted", () -> cluster.client().secrets().inNamespace(ns).withName("photos-credentials").get() == null,
                    gone -> gone);
            assertThat(status(() -> s3.headBucket(b -> b.bucket(bucket)))).as("access revoked").isEqualTo(403);
        }
        kube.delete("BucketClaim", ns, "photos");
        await("the bucket deleted with its claim (deletionPolicy Delete)", () -> bucketExists(bucket), exists -> !exists);
    }

    @Test
    @SuppressWarnings("unchecked")
    void overTlsTheConnectionDataCarriesTheCaThatVerifiesTheEndpoint() throws Exception {
        String ns = cluster.namespace();
        ServerProcess tls = ServerProcess.start(true);
        try {
            String ca = Files.readString(tls.caCert());
            for (String directory : List.of("obc", "cosi")) {
                for (GenericKubernetesResource object : ExampleManifests.load(directory, variables(tls), ns)) {
                    if (object.getKind().equals("Secret")) {
                        ((Map<String, Object>) object.getAdditionalProperties().get("stringData")).put("caBundle", ca);
                    }
                    kube.apply(object);
                }
            }

            await("the claim Bound", () -> phase(kube.get("ObjectBucketClaim", ns, "photos")), "Bound"::equals);
            Map<String, String> config = cluster.client().configMaps().inNamespace(ns).withName("photos").get().getData();
            Map<String, String> obc = BackendResolver.data(cluster.client().secrets().inNamespace(ns).withName("photos").get());
            assertThat(config.get("BUCKET_ENDPOINT")).isEqualTo(tls.s3Endpoint().toString()).startsWith("https://");
            assertThat(config.get("BUCKET_CA_BUNDLE")).isEqualTo(ca);
            try (S3Client s3 = s3(URI.create(config.get("BUCKET_ENDPOINT")), config.get("BUCKET_CA_BUNDLE"),
                    obc.get("AWS_ACCESS_KEY_ID"), obc.get("AWS_SECRET_ACCESS_KEY"))) {
                String bucket = config.get("BUCKET_NAME");
                s3.putObject(b -> b.bucket(bucket).key("tls.txt"), RequestBody.fromString("over tls"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tls.txt")).asUtf8String()).isEqualTo("over tls");
            }

            Secret cosiSecret = await("the BucketAccess's Secret",
                    () -> cluster.client().secrets().inNamespace(ns).withName("photos-credentials").get(),
                    secret -> BackendResolver.data(secret).containsKey("ca.crt"));
            Map<String, String> cosi = BackendResolver.data(cosiSecret);
            assertThat(cosi.get("COSI_S3_ENDPOINT")).startsWith("https://");
            assertThat(cosi.get("COSI_CERTIFICATE_AUTHORITY")).isEqualTo(ca);
            try (S3Client s3 = s3(URI.create(cosi.get("COSI_S3_ENDPOINT")), cosi.get("ca.crt"),
                    cosi.get("COSI_S3_ACCESS_KEY_ID"), cosi.get("COSI_S3_ACCESS_SECRET_KEY"))) {
                String bucket = cosi.get("COSI_S3_BUCKET_ID");
                s3.putObject(b -> b.bucket(bucket).key("tls.txt"), RequestBody.fromString("over tls"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tls.txt")).asUtf8String()).isEqualTo("over tls");
            }
        } finally {
            cluster.settle();
            tls.stop();
        }
    }

    /**
     * Claims of every front end are made in two rounds: the operator is killed as soon as the second round
     * exists, once each front end has finished a claim of the first. So at the kill each front end has work
     * done and work left (the test records how much, and fails if a front end had none left), and the
     * restarted operator must finish it without a second bucket or key.
     */
    @Test
    void anOperatorKilledMidProvisioningConvergesWithoutDuplicates() throws Exception {
        String ns = cluster.namespace();
        applyExample("obc");
        applyExample("cosi");
        int count = 6;
        ProvisioningProgress.Claims crashClaims = new ProvisioningProgress.Claims(kube, cluster.client(), admin, ns,
                "CRASH", suffix(ns));
        List<String> claims = new ArrayList<>();
        List<String> secretBuckets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            claims.add("crash-" + i);
            secretBuckets.add("crash-" + i + "-" + ns);
        }
        createCrashClaims(ns, 0, count / 2);
        await("a finished claim of each front end", () -> crashClaims.progress(count),
                progress -> progress.stream().allMatch(p -> p.finished() > 0));
        createCrashClaims(ns, count / 2, count);
        operator.kill();
        cluster.settle();

        List<ProvisioningProgress> atKill = crashClaims.progress(count);
        System.out.println("At the kill: " + atKill);
        assertThat(atKill).as("each front end's progress at the kill").allSatisfy(p -> {
            assertThat(p.finished()).as(p.frontEnd() + " claims finished").isPositive();
            assertThat(p.unfinishedWork()).as(p.frontEnd() + " had work left: " + p).isTrue();
        });
        operator = launchOperator();

        for (String claim : claims) {
            await(claim + " Bound", () -> phase(kube.get("ObjectBucketClaim", ns, claim)), "Bound"::equals);
            Map<String, String> credentials = BackendResolver.data(cluster.client().secrets().inNamespace(ns).withName(claim).get());
            String user = admin.getKey(credentials.get("AWS_ACCESS_KEY_ID")).user();
            assertThat(admin.listKeys(user)).as("keys of " + claim + "'s account").hasSize(1);
        }
        for (String bucket : secretBuckets) {
            await("bucket " + bucket, () -> bucketExists(bucket), exists -> exists);
        }
        for (int i = 0; i < count; i++) {
            String name = "cosi-" + i + "-credentials";
            Secret secret = await(name, () -> cluster.client().secrets().inNamespace(ns).withName(name).get(),
                    s -> BackendResolver.data(s).containsKey("COSI_S3_ACCESS_KEY_ID"));
            Map<String, String> credentials = BackendResolver.data(secret);
            String user = admin.getKey(credentials.get("COSI_S3_ACCESS_KEY_ID")).user();
            assertThat(admin.listKeys(user)).as("keys of BucketAccess cosi-" + i + "'s account").hasSize(1);
            assertThat(bucketExists(credentials.get("COSI_S3_BUCKET_ID"))).isTrue();
        }
        List<String> crashBuckets = admin.listBuckets().stream().map(Bucket::name).filter(n -> n.startsWith("crash-")).toList();
        assertThat(crashBuckets.stream().filter(n -> !secretBuckets.contains(n)))
                .as("one bucket per claim, none twice").hasSize(claims.size());
        for (int i = 0; i < count; i++) {
            assertThat(admin.getKey("CRASH" + i + suffix(ns))).isNotNull();
        }
    }

    /** Claims {@code from} to {@code to - 1} of the crash test, of every front end. */
    private void createCrashClaims(String ns, int from, int to) {
        for (int i = from; i < to; i++) {
            kube.apply(Claims.cosiClaim(ns, "cosi-" + i, "stowage-" + ns));
            kube.apply(Claims.cosiAccess(ns, "cosi-" + i, "stowage-read-write-" + ns));
            kube.apply(Claims.claim(ns, "crash-" + i, "stowage-bucket-" + ns));
            cluster.client().secrets().inNamespace(ns).resource(annotatedSecret("crash-s-" + i, "crash-" + i + "-" + ns,
                    "CRASH" + i + suffix(ns), "crash-secret-0123456789-" + i)).create();
        }
    }

    private static void assertReachesOnly(S3Client s3, String bucket) {
        s3.putObject(b -> b.bucket(bucket).key("hello.txt"), RequestBody.fromString("hello"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("hello.txt")).asUtf8String()).isEqualTo("hello");
        String other = "other-" + bucket.substring(0, Math.min(bucket.length(), 40));
        admin.createBucket(other, null, null);
        assertThat(status(() -> s3.putObject(b -> b.bucket(other).key("x"), RequestBody.fromString("x"))))
                .as("denied on another bucket").isEqualTo(403);
        assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(other)))).as("cannot list another bucket").isEqualTo(403);
    }

    private static Secret annotatedSecret(String name, String bucket, String accessKey, String secretKey) {
        return new SecretBuilder().withNewMetadata().withName(name)
                .addToAnnotations("s3-resource-operator.io/enabled", "true").endMetadata()
                .addToStringData("bucket-name", bucket).addToStringData("access-key", accessKey)
                .addToStringData("secret-key", secretKey).build();
    }

    /** A short per-namespace suffix: access key ids are global on the server, namespaces are per test. */
    private static String suffix(String ns) {
        return ns.substring(ns.length() - 8).toUpperCase(java.util.Locale.ROOT);
    }

    private static String phase(GenericKubernetesResource claim) {
        if (claim == null || !(claim.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
            return null;
        }
        return (String) status.get("phase");
    }

    private static boolean bucketExists(String bucket) {
        try {
            admin.getBucket(bucket);
            return true;
        } catch (AdminApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** An S3 client that trusts only the CA certificates {@code caPem} holds, as a workload given them would. */
    private static S3Client s3(URI endpoint, String caPem, String accessKey, String secretKey) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate ca : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
            trust.setCertificateEntry("ca-" + i++, ca);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30))
                        .tlsTrustManagersProvider(trustManagers::getTrustManagers))
                .build();
    }

    private static S3Client s3(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /** The S3 status code the call failed with, 0 when it succeeded. */
    private static int status(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }

    private <T> T await(String what, Supplier<T> probe) {
        return await(what, probe, value -> true);
    }

    /** Eventually's wait, with the operator's log in the failure: what it did is the first thing to read. */
    private <T> T await(String what, Supplier<T> probe, Predicate<T> condition) {
        try {
            return Eventually.await(what, probe, condition);
        } catch (AssertionError e) {
            String log;
            try {
                log = operator.log();
            } catch (IOException io) {
                log = "(unreadable: " + io + ")";
            }
            throw new AssertionError(e.getMessage() + "\nthe operator's log:\n" + log, e);
        }
    }

    /** Objects the tests make beyond the examples. */
    private static final class Claims {

        static GenericKubernetesResource claim(String ns, String name, String storageClass) {
            GenericKubernetesResource claim = new GenericKubernetesResource();
            claim.setApiVersion("objectbucket.io/v1alpha1");
            claim.setKind("ObjectBucketClaim");
            claim.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(ns).withName(name).build());
            claim.setAdditionalProperty("spec", Map.of("storageClassName", storageClass, "generateBucketName", name));
            return claim;
        }

        static GenericKubernetesResource cosiClaim(String ns, String name, String bucketClass) {
            GenericKubernetesResource claim = object("BucketClaim", ns, name);
            claim.setAdditionalProperty("spec", Map.of("bucketClassName", bucketClass, "protocols", List.of("S3")));
            return claim;
        }

        static GenericKubernetesResource cosiAccess(String ns, String claim, String accessClass) {
            GenericKubernetesResource access = object("BucketAccess", ns, claim);
            access.setAdditionalProperty("spec", Map.of("bucketClaimName", claim, "bucketAccessClassName", accessClass,
                    "credentialsSecretName", claim + "-credentials", "protocol", "S3"));
            return access;
        }

        private static GenericKubernetesResource object(String kind, String ns, String name) {
            GenericKubernetesResource object = new GenericKubernetesResource();
            object.setApiVersion("objectstorage.k8s.io/v1alpha1");
            object.setKind(kind);
            object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(ns).withName(name).build());
            return object;
        }
    }
}
