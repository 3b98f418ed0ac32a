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
import java.util.HashMap;
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
    /** How long the crash test lets the operator run between two readings of its progress. */
    private static final long STEP_MILLIS = 20;
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
        Map<String, String> config = await("the Secret's ConfigMap",
                () -> cluster.client().configMaps().inNamespace(ns).withName("photos-s3").get()).getData();
        assertThat(config).containsEntry("BUCKET_NAME", bucket)
                .containsEntry("BUCKET_ENDPOINT", server.s3Endpoint().toString())
                .containsEntry("BUCKET_HOST", server.s3Endpoint().getHost())
                .containsEntry("BUCKET_PORT", Integer.toString(server.s3Endpoint().getPort()))
                .containsEntry("BUCKET_ADDRESSING_STYLE", "path")
                .doesNotContainKey("BUCKET_CA_BUNDLE");
        try (S3Client s3 = s3(URI.create(config.get("BUCKET_ENDPOINT")), fields.get("access-key"), fields.get("secret-key"))) {
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
    void aCosiClaimOfARetainClassKeepsItsBucketButNotItsKey() throws Exception {
        String ns = cluster.namespace();
        for (GenericKubernetesResource object : ExampleManifests.load("cosi", variables(server), ns)) {
            if (object.getKind().equals("BucketClass")) {
                object.setAdditionalProperty("deletionPolicy", "Retain");
            }
            kube.apply(object);
        }
        Secret secret = await("the BucketAccess's Secret",
                () -> cluster.client().secrets().inNamespace(ns).withName("photos-credentials").get(),
                s -> BackendResolver.data(s).containsKey("COSI_S3_ACCESS_KEY_ID"));
        Map<String, String> credentials = BackendResolver.data(secret);
        String bucket = credentials.get("COSI_S3_BUCKET_ID");

        try (S3Client s3 = s3(server.s3Endpoint(), credentials.get("COSI_S3_ACCESS_KEY_ID"),
                credentials.get("COSI_S3_ACCESS_SECRET_KEY"))) {
            s3.putObject(b -> b.bucket(bucket).key("kept.txt"), RequestBody.fromString("kept"));

            kube.delete("BucketClaim", ns, "photos");
            await("the claim gone", () -> kube.get("BucketClaim", ns, "photos") == null, gone -> gone);
            await("the claim's key revoked", () -> status(() -> s3.headBucket(b -> b.bucket(bucket))), code -> code == 403);
        }

        assertThat(bucketExists(bucket)).as("bucket kept (deletionPolicy Retain)").isTrue();
        String reader = "retained-reader-" + suffix(ns).toLowerCase(java.util.Locale.ROOT);
        var readerKey = admin.createUser(reader, false).value().key();
        admin.setBucketOwner(bucket, reader);
        try (S3Client s3 = s3(server.s3Endpoint(), readerKey.accessKeyId(), readerKey.secretKey())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("kept.txt")).asUtf8String()).as("data kept").isEqualTo("kept");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void overTlsTheConnectionDataCarriesTheCaThatVerifiesTheEndpoint() throws Exception {
        String ns = cluster.namespace();
        ServerProcess tls = ServerProcess.start(true);
        try {
            String ca = Files.readString(tls.caCert());
            for (String directory : List.of("obc", "cosi", "secret")) {
                for (GenericKubernetesResource object : ExampleManifests.load(directory, variables(tls), ns)) {
                    if (object.getKind().equals("Secret") && object.getMetadata().getName().equals("stowage-backend")) {
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

            Map<String, String> annotated = BackendResolver.data(cluster.client().secrets().inNamespace(ns).withName("photos-s3").get());
            Map<String, String> secretConfig = await("the annotated Secret's ConfigMap",
                    () -> cluster.client().configMaps().inNamespace(ns).withName("photos-s3").get()).getData();
            assertThat(secretConfig.get("BUCKET_ENDPOINT")).isEqualTo(tls.s3Endpoint().toString()).startsWith("https://");
            assertThat(secretConfig.get("BUCKET_CA_BUNDLE")).isEqualTo(ca);
            try (S3Client s3 = s3(URI.create(secretConfig.get("BUCKET_ENDPOINT")), secretConfig.get("BUCKET_CA_BUNDLE"),
                    annotated.get("access-key"), annotated.get("secret-key"))) {
                String bucket = secretConfig.get("BUCKET_NAME");
                s3.putObject(b -> b.bucket(bucket).key("tls.txt"), RequestBody.fromString("over tls"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tls.txt")).asUtf8String()).isEqualTo("over tls");
            }
        } finally {
            cluster.settle();
            tls.stop();
        }
    }

    /**
     * A first round of claims of every front end is made, and once each front end has finished one, the operator
     * is stopped (SIGSTOP) and stepped: let run for a moment, stopped again, and its progress read once what it
     * sent has landed. A front end with nothing left to do gets its next claim; at the first reading where every
     * front end has a claim begun and not finished, the operator is killed (SIGKILL), so that reading is what the
     * killed operator left. The restarted operator must finish every claim with exactly one bucket and one key.
     */
    @Test
    void anOperatorKilledMidProvisioningConvergesWithoutDuplicates() throws Exception {
        String ns = cluster.namespace();
        applyExample("obc");
        applyExample("cosi");
        int firstRound = 3;
        int count = 15;
        ProvisioningProgress.Claims crashClaims = new ProvisioningProgress.Claims(kube, cluster.client(), admin, ns,
                "CRASH", suffix(ns));
        List<String> cosiBucketsBefore = bucketNames("bucket-");
        Map<String, Integer> created = new HashMap<>();
        for (String frontEnd : List.of("obc", "cosi", "secret")) {
            for (int i = 0; i < firstRound; i++) {
                createCrashClaim(frontEnd, ns, i);
            }
            created.put(frontEnd, firstRound);
        }
        await("a finished claim of each front end", () -> crashClaims.progress(count),
                progress -> progress.stream().allMatch(p -> p.finished() > 0));
        operator.pause();

        List<ProvisioningProgress> atKill = killMidProvisioning(crashClaims, created, count);
        System.out.println("At the kill: " + atKill);
        assertThat(atKill).as("each front end's progress at the kill").hasSize(3).allSatisfy(p -> {
            assertThat(p.finished()).as(p.frontEnd() + " claims finished").isPositive();
            assertThat(p.midway()).as(p.frontEnd() + " had a claim begun and not finished: " + p).isTrue();
        });
        cluster.settle();
        operator = launchOperator();

        List<String> obcBuckets = new ArrayList<>();
        for (int i = 0; i < created.get("obc"); i++) {
            String claim = "crash-" + i;
            await(claim + " Bound", () -> phase(kube.get("ObjectBucketClaim", ns, claim)), "Bound"::equals);
            Map<String, String> credentials = BackendResolver.data(cluster.client().secrets().inNamespace(ns).withName(claim).get());
            String user = admin.getKey(credentials.get("AWS_ACCESS_KEY_ID")).user();
            assertThat(admin.listKeys(user)).as("keys of " + claim + "'s account").hasSize(1);
            obcBuckets.add(cluster.client().configMaps().inNamespace(ns).withName(claim).get().getData().get("BUCKET_NAME"));
        }
        List<String> secretBuckets = new ArrayList<>();
        for (int i = 0; i < created.get("secret"); i++) {
            String bucket = "crash-" + i + "-" + ns;
            secretBuckets.add(bucket);
            await("bucket " + bucket, () -> bucketExists(bucket), exists -> exists);
            String user = admin.getKey("CRASH" + i + suffix(ns)).user();
            assertThat(admin.listKeys(user)).as("keys of Secret crash-s-" + i + "'s account").hasSize(1);
            assertThat(admin.getBucket(bucket).owner()).isEqualTo(user);
        }
        List<String> cosiBuckets = new ArrayList<>();
        for (int i = 0; i < created.get("cosi"); i++) {
            String name = "cosi-" + i + "-credentials";
            Secret secret = await(name, () -> cluster.client().secrets().inNamespace(ns).withName(name).get(),
                    s -> BackendResolver.data(s).containsKey("COSI_S3_ACCESS_KEY_ID"));
            Map<String, String> credentials = BackendResolver.data(secret);
            String user = admin.getKey(credentials.get("COSI_S3_ACCESS_KEY_ID")).user();
            assertThat(admin.listKeys(user)).as("keys of BucketAccess cosi-" + i + "'s account").hasSize(1);
            cosiBuckets.add(credentials.get("COSI_S3_BUCKET_ID"));
        }

        assertThat(bucketNames("crash-")).as("OBC and Secret buckets: one per claim, none twice")
                .containsExactlyInAnyOrderElementsOf(concat(obcBuckets, secretBuckets));
        List<GenericKubernetesResource> bucketObjects = kube.list("Bucket").stream()
                .filter(bucket -> claimRef(bucket).startsWith(ns + "/")).toList();
        assertThat(bucketObjects.stream().filter(bucket -> claimRef(bucket).startsWith(ns + "/cosi-"))
                .map(bucket -> bucket.getMetadata().getName())).as("COSI Bucket objects: one per BucketClaim")
                .containsExactlyInAnyOrderElementsOf(cosiBuckets);
        List<String> exampleBuckets = bucketObjects.stream().filter(bucket -> claimRef(bucket).equals(ns + "/photos"))
                .map(bucket -> bucket.getMetadata().getName()).toList();
        assertThat(bucketNames("bucket-").stream().filter(name -> !cosiBucketsBefore.contains(name) && !exampleBuckets.contains(name)))
                .as("COSI buckets on the server: one per BucketClaim, none twice").containsExactlyInAnyOrderElementsOf(cosiBuckets);
    }

    /**
     * Steps the operator, stopped by the caller, feeding each front end that has finished all its claims the next one
     * (up to {@code count}), until a reading finds every front end with a claim begun and not finished. Kills it then,
     * and answers that reading, which the stopped operator could not change.
     */
    private List<ProvisioningProgress> killMidProvisioning(ProvisioningProgress.Claims claims, Map<String, Integer> created,
            int count) throws Exception {
        String ns = cluster.namespace();
        while (true) {
            List<ProvisioningProgress> progress = settledProgress(claims, count);
            if (progress.stream().allMatch(ProvisioningProgress::midway)) {
                operator.kill();
                return progress;
            }
            for (ProvisioningProgress frontEnd : progress) {
                int next = created.get(frontEnd.frontEnd());
                if (frontEnd.finished() < next) {
                    continue;
                }
                if (next == count) {
                    throw new AssertionError("every claim made before each front end was seen mid-provisioning: " + progress);
                }
                createCrashClaim(frontEnd.frontEnd(), ns, next);
                created.put(frontEnd.frontEnd(), next + 1);
            }
            operator.resume();
            Thread.sleep(STEP_MILLIS);
            operator.pause();
        }
    }

    private static List<ProvisioningProgress> settledProgress(ProvisioningProgress.Claims claims, int count)
            throws InterruptedException {
        List<ProvisioningProgress> last = claims.progress(count);
        while (true) {
            Thread.sleep(200);
            List<ProvisioningProgress> now = claims.progress(count);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
    }

    private static List<String> bucketNames(String prefix) {
        return admin.listBuckets().stream().map(Bucket::name).filter(name -> name.startsWith(prefix)).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The namespace/name of a COSI Bucket's claim; empty without one. */
    private static String claimRef(GenericKubernetesResource bucket) {
        return bucket.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                && spec.get("bucketClaim") instanceof Map<?, ?> claim ? claim.get("namespace") + "/" + claim.get("name") : "";
    }

    /** Claim {@code i} of the crash test, of one front end. */
    private void createCrashClaim(String frontEnd, String ns, int i) {
        switch (frontEnd) {
            case "obc" -> kube.apply(Claims.claim(ns, "crash-" + i, "stowage-bucket-" + ns));
            case "cosi" -> {
                kube.apply(Claims.cosiClaim(ns, "cosi-" + i, "stowage-" + ns));
                kube.apply(Claims.cosiAccess(ns, "cosi-" + i, "stowage-read-write-" + ns));
            }
            case "secret" -> cluster.client().secrets().inNamespace(ns).resource(annotatedSecret("crash-s-" + i,
                    "crash-" + i + "-" + ns, "CRASH" + i + suffix(ns), "crash-secret-0123456789-" + i)).create();
            default -> throw new IllegalArgumentException("no front end " + frontEnd);
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
