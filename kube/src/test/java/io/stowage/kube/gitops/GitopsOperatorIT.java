package io.stowage.kube.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.stowage.admin.client.AdminClient;
import io.stowage.admin.client.Key;
import io.stowage.admin.client.KeyWithSecret;
import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendException;
import io.stowage.backend.AccessMode;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.S3Endpoint;
import io.stowage.backend.s3.BucketVersioning;
import io.stowage.backend.s3.CorsRule;
import io.stowage.backend.s3.DefaultRetention;
import io.stowage.backend.s3.LifecycleRule;
import io.stowage.backend.s3.ObjectLockConfiguration;
import io.stowage.backend.s3.S3ObjectClient;
import io.stowage.kube.TestStores;
import io.stowage.kube.chart.ChartRbac;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.model.AdminTokenSecretModel;
import io.stowage.kube.model.ObjectStoreNames;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.model.TlsSecretModels;
import io.stowage.kube.operator.ApiCallRecorder;
import io.stowage.kube.operator.Eventually;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.LackingBackend;
import io.stowage.kube.provision.ObjectStores;
import io.stowage.kube.provision.TestBackends;
import io.stowage.kube.tls.CertificateAuthority;
import io.stowage.kube.tls.IssuedCertificate;
import io.stowage.kube.tls.Pem;
import io.stowage.server.StowageServer;
import io.stowage.server.it.StowageServerExtension;
import io.stowage.server.tls.TlsConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * S3Bucket and S3User against an API server (fabric8's mock in CRUD mode, or the cluster STOWAGE_IT_KUBECONFIG names) and
 * a real Stowage server in-process; drift is made by hand through the admin API and S3, and checked through S3 with the
 * credentials the operator wrote.
 *
 * <p>What the mock cannot show: the CRDs' validation (patterns, the bucketName transition rule: the reconciler refuses a
 * changed name itself, which is what runs here), RBAC itself (the requests are held against the chart's rules by
 * {@link ChartRbac}), the garbage collector deleting a generated Secret with its S3User (its owner reference is checked),
 * a watch resumed from an old resourceVersion, and an ObjectStore's Service name resolving (its URLs are mapped to the test
 * server that plays it).
 */
@ExtendWith(TestClusterExtension.class)
class GitopsOperatorIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final String BACKEND_SECRET = "stowage-backend";
    private static final String NO_S3_KEY_BACKEND = "stowage-admin-only";
    /** The same server behind a {@link LackingBackend}: no write-only and no prefix grants (among others). */
    private static final String LACKING_BACKEND = "stowage-lacking";
    /** How the opener tells the lacking backend's Secret: BackendSettings carry nothing else that could. */
    private static final String LACKING_REGION = "lacking-test";
    /** Short, so that drift is found within the test's patience without a change of the spec. */
    private static final Duration RESYNC = Duration.ofSeconds(1);
    /** How long an old key outlives its Secret here (two minutes by default, for the kubelet's sync of mounted Secrets). */
    private static final Duration ROTATION_GRACE = Duration.ofSeconds(3);

    private TestCluster cluster;
    private KubernetesClient client;
    private String ns;
    private String suffix;
    private BucketBackend backend;
    private AdminClient admin;
    private S3ObjectClient rootS3;
    private KubernetesClient operatorClient;
    private BackendResolver resolver;
    private Operator operator;
    private final ApiCallRecorder apiCalls = new ApiCallRecorder();
    /** An ObjectStore's in-cluster URLs, which do not resolve here, to the test server that plays it. */
    private final Map<URI, URI> storeAddresses = new ConcurrentHashMap<>();

    @BeforeEach
    void start(TestCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.ns = cluster.namespace();
        this.suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = new HashMap<>(TestBackends.settings(SERVER));
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(NO_S3_KEY_BACKEND).endMetadata()
                .withData(TestBackends.encoded(settings)).build()).create();
        settings.put("accessKey", StowageServerExtension.ACCESS_KEY);
        settings.put("secretKey", StowageServerExtension.SECRET_KEY);
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(BACKEND_SECRET).endMetadata()
                .withData(TestBackends.encoded(settings)).build()).create();
        settings.put("region", LACKING_REGION);
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(LACKING_BACKEND).endMetadata()
                .withData(TestBackends.encoded(settings)).build()).create();
        backend = TestBackends.open(SERVER);
        admin = AdminClient.builder(SERVER.adminEndpoint()).token(StowageServerExtension.ADMIN_TOKEN).build();
        rootS3 = S3ObjectClient.open(new S3Endpoint(SERVER.endpoint(), StowageServerExtension.REGION, AddressingStyle.PATH, null),
                new AccessKey(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY));
        operatorClient = cluster.newClient(apiCalls);
        resolver = new BackendResolver(operatorClient, s -> LACKING_REGION.equals(s.region())
                ? new LackingBackend(BucketBackends.open(s), LackingBackend.lackingFrontEndCapabilities())
                : BucketBackends.open(s));
        startOperator(RESYNC);
    }

    /** The operator with this resync; the one running, if any, is stopped first. */
    private void startOperator(Duration resync) {
        if (operator != null) {
            operator.stop();
        }
        GitopsSettings gitops = new GitopsSettings(Optional.of(new BackendRef(ns, BACKEND_SECRET)), resync, ROTATION_GRACE,
                url -> storeAddresses.getOrDefault(url, url));
        KubeEvents events = new KubeEvents(operatorClient, Clock.systemUTC());
        ObjectStores stores = new ObjectStores(operatorClient, TestStores.IMAGE);
        operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
        operator.register(new S3BucketReconciler(operatorClient, resolver, stores, events, Clock.systemUTC(), gitops),
                c -> c.settingNamespaces(Set.of(ns)));
        operator.register(new S3UserReconciler(operatorClient, resolver, stores, events, Clock.systemUTC(), gitops),
                c -> c.settingNamespaces(Set.of(ns)));
        operator.start();
    }

    @AfterEach
    void stop() {
        cluster.settle();
        operator.stop();
        resolver.close();
        operatorClient.close();
        rootS3.close();
        admin.close();
        backend.close();
        ChartRbac.assertAllowed(apiCalls.calls(), ns);
    }

    @Test
    void aBucketIsCreatedChangedAndWhatIsChangedByHandIsPutBack() {
        String name = "data-" + suffix;
        String policy = anonymousRead(name);
        createBucket("data", spec -> {
            spec.setBucketName(name);
            spec.setQuota(quota("1Mi", 10L));
            spec.setTags(Map.of("team", "analytics"));
            spec.setVersioning("Enabled");
            spec.setPolicy(policy);
        });

        S3Bucket ready = awaitReady("data");
        assertThat(ready.getStatus().getBucketName()).isEqualTo(name);
        assertThat(ready.getStatus().getObserved().getMaxBytes()).isEqualTo(1 << 20);
        assertThat(ready.getStatus().getObserved().getVersioning()).isEqualTo("Enabled");
        assertThat(backend.findBucket(name).orElseThrow().quota()).isEqualTo(new BucketQuota(1 << 20, 10));
        assertThat(backend.bucketTags(name)).containsEntry("team", "analytics").containsEntry(GitopsApi.MANAGED_BY_TAG, ns + "/data");
        assertThat(rootS3.bucketVersioning(name)).isEqualTo(BucketVersioning.ENABLED);
        assertThat(anonymousGet(name)).as("the policy lets anyone read").isEqualTo(404);
        assertThat(event("data", "Created").getType()).isEqualTo("Normal");

        // a change of the spec
        editBucket("data", spec -> spec.setQuota(quota("2Mi", 10L)));
        Eventually.await("the new quota", () -> backend.findBucket(name).orElseThrow().quota(),
                q -> q.equals(new BucketQuota(2 << 20, 10)));
        assertThat(event("data", "Updated").getMessage()).contains("quota (was maxSize 1048576 bytes, maxObjects 10)");

        // changes by hand, each put back by a resync without any change of the spec
        awaitReady("data");
        backend.setQuota(name, BucketQuota.NONE);
        Eventually.await("the quota put back", () -> backend.findBucket(name).orElseThrow().quota(),
                q -> q.equals(new BucketQuota(2 << 20, 10)));
        assertThat(event("data", "DriftCorrected").getMessage())
                .isEqualTo("bucket " + name + " was changed by hand; put back quota (was maxSize unlimited, maxObjects unlimited)");

        rootS3.setBucketTags(name, Map.of("team", "someone-else"));
        Eventually.await("the tags put back", () -> backend.bucketTags(name),
                t -> "analytics".equals(t.get("team")) && t.containsKey(GitopsApi.MANAGED_BY_TAG));

        rootS3.deleteBucketPolicy(name);
        rootS3.setBucketVersioning(name, BucketVersioning.SUSPENDED);
        Eventually.await("the policy and versioning put back", () -> rootS3.bucketPolicy(name).isPresent()
                && rootS3.bucketVersioning(name) == BucketVersioning.ENABLED ? true : null);
        assertThat(anonymousGet(name)).isEqualTo(404);
        assertThat(events("data", "DriftCorrected")).extracting(Event::getMessage)
                .anyMatch(m -> m.contains("tags (was different on " + GitopsApi.MANAGED_BY_TAG + ", team)"))
                .anyMatch(m -> m.contains("policy (was none)"))
                .anyMatch(m -> m.contains("versioning (was suspended)"));
    }

    @Test
    void lifecycleAndCorsRulesAreSetAndPutBack() {
        String name = "rules-" + suffix;
        LifecycleRuleSpec expire = new LifecycleRuleSpec();
        expire.setId("expire-tmp");
        expire.setPrefix("tmp/");
        expire.setExpirationDays(30);
        expire.setAbortIncompleteUploadDays(7);
        CorsRuleSpec browser = new CorsRuleSpec();
        browser.setAllowedOrigins(List.of("https://app.example.com"));
        browser.setAllowedMethods(List.of("GET", "PUT"));
        browser.setExposeHeaders(List.of("ETag"));
        browser.setMaxAgeSeconds(600);
        createBucket("rules", spec -> {
            spec.setBucketName(name);
            spec.setLifecycleRules(List.of(expire));
            spec.setCorsRules(List.of(browser));
        });

        S3Bucket ready = awaitReady("rules");
        List<LifecycleRule> lifecycle = List.of(new LifecycleRule("expire-tmp", "tmp/", true, 30, 0, 7));
        List<CorsRule> cors = List.of(new CorsRule(List.of("https://app.example.com"), List.of("GET", "PUT"), List.of(),
                List.of("ETag"), 600));
        assertThat(rootS3.bucketLifecycle(name)).isEqualTo(lifecycle);
        assertThat(rootS3.bucketCors(name)).isEqualTo(cors);
        assertThat(ready.getStatus().getObserved().getLifecycleRules()).isEqualTo(1);

        rootS3.setBucketLifecycle(name, List.of());
        rootS3.setBucketCors(name, List.of(new CorsRule(List.of("*"), List.of("DELETE"), List.of(), List.of(), 0)));
        Eventually.await("the rules put back", () -> rootS3.bucketLifecycle(name).equals(lifecycle)
                && rootS3.bucketCors(name).equals(cors) ? true : null);
        assertThat(events("rules", "DriftCorrected")).extracting(Event::getMessage)
                .anyMatch(m -> m.contains("lifecycle rules (was none)"))
                .anyMatch(m -> m.contains("CORS rules (was 1 other rule)"));

        // [] is managed too: no rules. A whole update: the mock kept the array through a merge patch to [] (and an edit)
        S3Bucket withoutCors = bucket("rules");
        withoutCors.getSpec().setCorsRules(List.of());
        client.resources(S3Bucket.class).inNamespace(ns).resource(withoutCors).update();
        assertThat(bucket("rules").getSpec().getCorsRules()).isNotNull().isEmpty();
        Eventually.await("the CORS rules removed", () -> rootS3.bucketCors(name).isEmpty() ? true : null);
        assertThat(rootS3.bucketLifecycle(name)).isEqualTo(lifecycle);
    }

    @Test
    void deletionRetainsOrEmptiesAndDeletesAsTheResourceSays() {
        String kept = "kept-" + suffix;
        String gone = "gone-" + suffix;
        createBucket("kept", spec -> spec.setBucketName(kept));
        createBucket("gone", spec -> {
            spec.setBucketName(gone);
            spec.setDeletionPolicy("Delete");
        });
        awaitReady("kept");
        awaitReady("gone");
        assertThat(bucket("kept").getMetadata().getFinalizers()).isNotEmpty();
        try (S3Client s3 = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)) {
            for (String bucket : List.of(kept, gone)) {
                s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a"));
                s3.putObject(b -> b.bucket(bucket).key("dir/b"), RequestBody.fromString("b"));
            }
        }

        client.resources(S3Bucket.class).inNamespace(ns).withName("kept").delete();
        client.resources(S3Bucket.class).inNamespace(ns).withName("gone").delete();
        Eventually.await("both resources gone", () -> bucket("kept") == null && bucket("gone") == null ? true : null);

        assertThat(backend.findBucket(gone)).isEmpty();
        assertThat(backend.findBucket(kept)).isPresent();
        assertThat(backend.bucketTags(kept)).doesNotContainKey(GitopsApi.MANAGED_BY_TAG);
        assertThat(rootS3.listObjects(kept, "", null, 10).objects()).hasSize(2);
    }

    @Test
    void anExistingBucketIsAdoptedWithItsObjectsAndNotByASecondResource() {
        String name = "legacy-" + suffix;
        backend.createBucket(name, BucketQuota.NONE);
        try (S3Client s3 = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)) {
            for (int i = 0; i < 5; i++) {
                String key = "obj-" + i;
                s3.putObject(b -> b.bucket(name).key(key), RequestBody.fromString("data " + key));
            }
        }
        createBucket("legacy", spec -> {
            spec.setBucketName(name);
            spec.setQuota(quota("1Gi", null));
        });

        awaitReady("legacy");
        assertThat(event("legacy", "Adopted").getMessage()).startsWith("existing bucket " + name + " adopted with its objects");
        assertThat(rootS3.listObjects(name, "", null, 10).objects()).hasSize(5);
        assertThat(backend.findBucket(name).orElseThrow().quota()).isEqualTo(new BucketQuota(1L << 30, 0));
        assertThat(events("legacy", "Created")).isEmpty();

        createBucket("thief", spec -> spec.setBucketName(name));
        assertThat(event("thief", "BucketManagedElsewhere").getMessage())
                .isEqualTo("bucket " + name + " is managed by S3Bucket " + ns + "/legacy: nothing was changed");
        assertThat(bucket("thief").getStatus().getConditions().getFirst().getStatus()).isEqualTo("False");
    }

    @Test
    void objectLockComesWithANewBucketItsDefaultRetentionIsPutBackAndAnExistingBucketWithoutItIsRefused() {
        String locked = "locked-" + suffix;
        createBucket("locked", spec -> {
            spec.setBucketName(locked);
            spec.setObjectLock(new ObjectLockSpec(new DefaultRetentionSpec("GOVERNANCE", 30, null)));
        });

        S3Bucket ready = awaitReady("locked");
        ObjectLockConfiguration thirtyDays = ObjectLockConfiguration.enabled(
                Optional.of(new DefaultRetention(DefaultRetention.Mode.GOVERNANCE, 30, 0)));
        assertThat(rootS3.objectLockConfiguration(locked)).isEqualTo(thirtyDays);
        assertThat(rootS3.bucketVersioning(locked)).isEqualTo(BucketVersioning.ENABLED);
        assertThat(ready.getStatus().getObserved().getObjectLock()).isEqualTo("GOVERNANCE 30 days");
        assertThat(event("locked", "Created").getMessage()).contains("with object lock");
        assertThat(backend.bucketTags(locked)).containsEntry(GitopsApi.MANAGED_BY_TAG, ns + "/locked");

        // by hand: the default retention removed
        rootS3.setObjectLockConfiguration(locked, Optional.empty());
        Eventually.await("the default retention put back", () -> rootS3.objectLockConfiguration(locked).equals(thirtyDays)
                ? true : null);
        Eventually.await("DriftCorrected naming the default retention", () -> events("locked", "DriftCorrected"), l -> l.stream()
                .map(Event::getMessage).anyMatch(m -> m.contains("object lock default retention (was enabled, no default retention)")));

        // an existing bucket made without object lock cannot get it: refused, and left as it is
        String plain = "plain-" + suffix;
        backend.createBucket(plain, BucketQuota.NONE);
        createBucket("plain", spec -> {
            spec.setBucketName(plain);
            spec.setObjectLock(new ObjectLockSpec());
        });
        S3Bucket refused = Eventually.await("Ready=False", () -> bucket("plain"),
                b -> b.getStatus() != null && "ObjectLockNotEnabled".equals(ReadyCondition.reason(b.getStatus())));
        assertThat(refused.getStatus().getLastError()).contains("was created without object lock");
        assertThat(rootS3.objectLockConfiguration(plain)).isEqualTo(ObjectLockConfiguration.DISABLED);
        assertThat(backend.bucketTags(plain)).doesNotContainKey(GitopsApi.MANAGED_BY_TAG);
    }

    /** What the mock cannot show here: the chart's RBAC in force (held against ChartRbac only) and a real watch delay. */
    @Test
    void aPolicyFromAConfigMapIsSetAndItsChangePickedUpAtTheNextResync() {
        String name = "shared-" + suffix;
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("policies").endMetadata()
                .addToData("public-read", anonymousRead(name)).build()).create();
        createBucket("shared", spec -> {
            spec.setBucketName(name);
            spec.setPolicyRef(new PolicyRefSpec("policies", "public-read"));
        });

        S3Bucket ready = awaitReady("shared");
        assertThat(ready.getStatus().getObserved().isPolicy()).isTrue();
        assertThat(anonymousGet(name)).as("the referenced policy lets anyone read").isEqualTo(404);

        // the ConfigMap changes: a policy that lets nobody anonymous read; no change of the S3Bucket
        String closed = anonymousRead(name).replace("\"Effect\":\"Allow\"", "\"Effect\":\"Deny\"");
        client.configMaps().inNamespace(ns).withName("policies").edit(c -> new ConfigMapBuilder(c).addToData("public-read", closed)
                .build());
        Eventually.await("the changed policy applied", () -> anonymousGet(name) == 403 ? true : null);
        Eventually.await("DriftCorrected naming the policy", () -> events("shared", "DriftCorrected"), l -> l.stream()
                .anyMatch(e -> e.getMessage().contains("policy (was another document)")));

        // a policyRef to a key that is not there, and one beside an inline policy
        createBucket("nokey", spec -> {
            spec.setBucketName("nokey-" + suffix);
            spec.setPolicyRef(new PolicyRefSpec("policies", "absent"));
        });
        createBucket("both", spec -> {
            spec.setBucketName("both-" + suffix);
            spec.setPolicy(anonymousRead("both-" + suffix));
            spec.setPolicyRef(new PolicyRefSpec("policies", "public-read"));
        });
        S3Bucket missing = Eventually.await("Ready=False", () -> bucket("nokey"),
                b -> b.getStatus() != null && "PolicyMissing".equals(ReadyCondition.reason(b.getStatus())));
        assertThat(missing.getStatus().getLastError()).contains("ConfigMap " + ns + "/policies has no key absent");
        S3Bucket both = Eventually.await("Ready=False", () -> bucket("both"),
                b -> b.getStatus() != null && "InvalidSpec".equals(ReadyCondition.reason(b.getStatus())));
        assertThat(both.getStatus().getLastError()).contains("give one of them, not both");
        assertThat(backend.findBucket("nokey-" + suffix)).isEmpty();
        assertThat(backend.findBucket("both-" + suffix)).isEmpty();
    }

    @Test
    void whatTheBackendCannotDoIsRefusedOnceWithoutRetrying() throws InterruptedException {
        createBucket("versioned", spec -> {
            spec.setBucketName("versioned-" + suffix);
            spec.getBackendRef().setSecret(NO_S3_KEY_BACKEND);
            spec.setVersioning("Enabled");
        });

        S3Bucket refused = Eventually.await("Ready=False", () -> bucket("versioned"),
                b -> b.getStatus() != null && "Unsupported".equals(ReadyCondition.reason(b.getStatus())));
        assertThat(refused.getStatus().getLastError()).contains("needs accessKey and secretKey");
        Thread.sleep(3 * RESYNC.toMillis());
        assertThat(events("versioned", "Unsupported")).hasSize(1).allMatch(e -> e.getType().equals("Warning"));
        assertThat(backend.findBucket("versioned-" + suffix)).isEmpty();
    }

    @Test
    void aUsersGeneratedKeyReachesExactlyItsGrantsAndDriftIsPutBack() {
        String data = "data-" + suffix;
        String shared = "shared-" + suffix;
        String other = "other-" + suffix;
        for (String bucket : List.of(data, shared, other)) {
            backend.createBucket(bucket, BucketQuota.NONE);
        }
        createUser("app", spec -> {
            spec.setSecretName("app-s3");
            spec.setDeletionPolicy("Delete");
            spec.setGrants(List.of(new GrantSpec(data, "read-write"), new GrantSpec(shared, "read-only")));
        });

        S3User ready = awaitReady(S3User.class, "app");
        String account = ns + ".app";
        AccessKey key = secretKey("app-s3");
        assertThat(ready.getStatus().getAccessKeyId()).isEqualTo(key.id());
        assertThat(ready.getStatus().getGrants()).containsExactly(data + ":read-write", shared + ":read-only");
        Secret secret = client.secrets().inNamespace(ns).withName("app-s3").get();
        assertThat(secret.getMetadata().getOwnerReferences()).extracting(o -> o.getName()).containsExactly("app");
        assertThat(BackendResolver.data(secret)).containsEntry(KeySecret.ENDPOINT, SERVER.endpoint().toString());
        assertThat(backend.keys(account)).containsExactly(key.id());
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(data).key("k"), RequestBody.fromString("v"));
            assertThat(status(() -> s3.putObject(b -> b.bucket(shared).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
            s3.listObjectsV2(b -> b.bucket(shared));
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(other)))).isEqualTo(403);
        }
        assertThat(event("app", "Provisioned").getMessage()).doesNotContain(key.secret());

        // by hand: the read-only grant becomes read-write, a grant on another bucket and a second key appear
        backend.grant(key.id(), new BucketGrant(shared, AccessMode.READ_WRITE));
        backend.grant(key.id(), new BucketGrant(other, AccessMode.READ_WRITE));
        AccessKey extra = AccessKey.generate();
        backend.createKey(account, extra, Optional.empty());
        Eventually.await("grants and keys put back", () -> backend.keys(account).equals(List.of(key.id()))
                && Set.copyOf(backend.keyGrants(key.id())).equals(Set.of(new BucketGrant(data, AccessMode.READ_WRITE),
                        new BucketGrant(shared, AccessMode.READ_ONLY))) ? true : null);
        assertThat(events("app", "DriftCorrected")).extracting(Event::getMessage)
                .anyMatch(m -> m.contains("grant " + shared + ":read-only"))
                .anyMatch(m -> m.contains("grant " + other + ":read-write revoked"))
                .anyMatch(m -> m.contains("key " + extra.id() + " deleted"));

        // by hand: the key itself is deleted; it comes back with the same secret, so the Secret stays right
        backend.deleteKey(key.id());
        Eventually.await("the key made again", () -> backend.keys(account).contains(key.id()) ? true : null);
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            Eventually.await("the key's grant back", () -> {
                try {
                    return s3.getObjectAsBytes(b -> b.bucket(data).key("k")).asUtf8String();
                } catch (S3Exception e) {
                    return null;
                }
            });
        }
        assertThat(secretKey("app-s3")).as("never regenerated").isEqualTo(key);

        client.resources(S3User.class).inNamespace(ns).withName("app").delete();
        Eventually.await("the S3User gone", () -> client.resources(S3User.class).inNamespace(ns).withName("app").get() == null
                ? true : null);
        assertThat(backend.keys(account)).isEmpty();
    }

    @Test
    void deletingAUserRetainsItsAccountKeyAndSecretOrDeletesThemAsTheResourceSays() {
        String data = "kept-" + suffix;
        backend.createBucket(data, BucketQuota.NONE);
        createUser("keeper", spec -> {
            spec.setSecretName("keeper-s3");
            spec.setGrants(List.of(new GrantSpec(data, "read-write")));
        });
        createUser("leaver", spec -> {
            spec.setSecretName("leaver-s3");
            spec.setDeletionPolicy("Delete");
            spec.setGrants(List.of(new GrantSpec(data, "read-write")));
        });
        awaitReady(S3User.class, "keeper");
        awaitReady(S3User.class, "leaver");
        AccessKey kept = secretKey("keeper-s3");
        AccessKey left = secretKey("leaver-s3");

        client.resources(S3User.class).inNamespace(ns).withName("keeper").delete();
        client.resources(S3User.class).inNamespace(ns).withName("leaver").delete();
        Eventually.await("both S3Users gone", () -> client.resources(S3User.class).inNamespace(ns).withName("keeper").get() == null
                && client.resources(S3User.class).inNamespace(ns).withName("leaver").get() == null ? true : null);

        // Retain (the default): the account, its key and the Secret stay; the Secret no longer owned, so the GC leaves it
        assertThat(backend.keys(ns + ".keeper")).containsExactly(kept.id());
        Secret keptSecret = client.secrets().inNamespace(ns).withName("keeper-s3").get();
        assertThat(keptSecret.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(KeySecret.key(BackendResolver.data(keptSecret), "")).contains(kept);
        try (S3Client s3 = SERVER.s3As(kept.id(), kept.secret())) {
            s3.putObject(b -> b.bucket(data).key("k"), RequestBody.fromString("v"));
        }
        assertThat(event("keeper", "Retained").getMessage()).isEqualTo("account " + ns + ".keeper left with its keys"
                + " (deletionPolicy Retain); Secret keeper-s3 kept with the key");

        // Delete: the account with its key, and the generated Secret
        assertThat(backend.keys(ns + ".leaver")).isEmpty();
        assertThat(client.secrets().inNamespace(ns).withName("leaver-s3").get()).isNull();
        try (S3Client s3 = SERVER.s3As(left.id(), left.secret())) {
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(data)))).isEqualTo(403);
        }
        assertThat(event("leaver", "Deleted").getMessage()).isEqualTo("account " + ns + ".leaver deleted with its keys"
                + " (deletionPolicy Delete)");

        // the retained account and Secret are taken over by a new S3User, key unchanged
        createUser("keeper", spec -> {
            spec.setSecretName("keeper-s3");
            spec.setGrants(List.of(new GrantSpec(data, "read-write")));
        });
        assertThat(awaitReady(S3User.class, "keeper").getStatus().getAccessKeyId()).isEqualTo(kept.id());
        assertThat(secretKey("keeper-s3")).isEqualTo(kept);
        assertThat(backend.keys(ns + ".keeper")).containsExactly(kept.id());
    }

    /**
     * An account made through the admin API, with its own key and a bucket holding data: an S3User naming it adopts it, and
     * the data and the account's key, which its clients use, stay; a key added by hand after the adoption is drift.
     */
    @Test
    void anExistingAccountIsAdoptedWithItsDataAndItsOwnKeyKeepsWorking() {
        String account = ns + ".legacy";
        String data = "legacy-" + suffix;
        KeyWithSecret own = admin.createUser(account, false).value().key();
        admin.createBucket(data, account, null);
        try (S3Client s3 = SERVER.s3As(own.accessKeyId(), own.secretKey())) {
            s3.putObject(b -> b.bucket(data).key("k"), RequestBody.fromString("before"));
        }

        createUser("legacy", spec -> {
            spec.setSecretName("legacy-s3");
            spec.setGrants(List.of(new GrantSpec(data, "read-only")));
        });
        S3User ready = awaitReady(S3User.class, "legacy");
        AccessKey made = secretKey("legacy-s3");
        assertThat(ready.getStatus().getAccount()).isEqualTo(account);
        assertThat(ready.getStatus().getAdoptedKeys()).containsExactly(own.accessKeyId());
        assertThat(event("legacy", "Adopted").getMessage()).isEqualTo("existing account " + account + " adopted; its keys "
                + own.accessKeyId() + " are left working");
        assertThat(backend.keys(account)).containsExactlyInAnyOrder(own.accessKeyId(), made.id());
        try (S3Client s3 = SERVER.s3As(own.accessKeyId(), own.secretKey())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(data).key("k")).asUtf8String()).isEqualTo("before");
            s3.putObject(b -> b.bucket(data).key("k2"), RequestBody.fromString("after"));
        }
        try (S3Client s3 = SERVER.s3As(made.id(), made.secret())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(data).key("k")).asUtf8String()).isEqualTo("before");
            assertThat(status(() -> s3.putObject(b -> b.bucket(data).key("k3"), RequestBody.fromString("v")))).isEqualTo(403);
        }

        String added = admin.createKey(account, null, null).value().accessKeyId();
        Eventually.await("the key added by hand deleted", () -> backend.keys(account), keys -> !keys.contains(added));
        assertThat(backend.keys(account)).containsExactlyInAnyOrder(own.accessKeyId(), made.id());
        assertThat(event("legacy", "DriftCorrected").getMessage()).contains("key " + added + " deleted");
    }

    /** deletionPolicy Delete on an account that owns a bucket: the S3User waits, saying why, and goes once the bucket does. */
    @Test
    void deletingAUserWhoseAccountOwnsABucketWaitsForItWithAWarning() {
        createUser("owner", spec -> {
            spec.setSecretName("owner-s3");
            spec.setDeletionPolicy("Delete");
        });
        awaitReady(S3User.class, "owner");
        String account = ns + ".owner";
        AccessKey key = secretKey("owner-s3");
        String owned = "owned-" + suffix;
        admin.createBucket(owned, account, null);

        client.resources(S3User.class).inNamespace(ns).withName("owner").delete();
        Event warning = event("owner", S3UserReconciler.ACCOUNT_OWNS_BUCKETS);
        assertThat(warning.getType()).isEqualTo("Warning");
        assertThat(warning.getMessage()).startsWith("account " + account + " still owns buckets");
        S3User waiting = Eventually.await("the S3User waiting", () -> client.resources(S3User.class).inNamespace(ns)
                .withName("owner").get(), u -> S3UserReconciler.ACCOUNT_OWNS_BUCKETS.equals(ReadyCondition.reason(u.getStatus())));
        assertThat(waiting.getStatus().getLastError()).contains("delete its buckets or hand them over");
        assertThat(backend.keys(account)).containsExactly(key.id());

        admin.deleteBucket(owned);
        Eventually.await("the S3User gone", () -> client.resources(S3User.class).inNamespace(ns).withName("owner").get() == null
                ? true : null);
        assertThat(backend.keys(account)).isEmpty();
        assertThat(client.secrets().inNamespace(ns).withName("owner-s3").get()).isNull();
        assertThat(event("owner", "Deleted").getMessage()).isEqualTo("account " + account + " deleted with its keys"
                + " (deletionPolicy Delete)");
    }

    /** The resync is ten minutes here: only the watch on the Secret can bring its new key within the test's patience. */
    @Test
    void aKeyTakenFromASecretFollowsTheSecretsChangeAtOnce() {
        startOperator(Duration.ofMinutes(10));
        String data = "given-" + suffix;
        backend.createBucket(data, BucketQuota.NONE);
        AccessKey first = AccessKey.generate();
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("given-s3").endMetadata()
                .withData(keyData(first)).build()).create();
        createUser("given", spec -> {
            spec.setSecretName("given-s3");
            spec.setKeySource("Secret");
            spec.setGrants(List.of(new GrantSpec(data, "read-write")));
        });
        assertThat(awaitReady(S3User.class, "given").getStatus().getAccessKeyId()).isEqualTo(first.id());
        try (S3Client s3 = SERVER.s3As(first.id(), first.secret())) {
            s3.putObject(b -> b.bucket(data).key("k"), RequestBody.fromString("v"));
        }

        AccessKey second = AccessKey.generate();
        client.secrets().inNamespace(ns).withName("given-s3").edit(s -> new SecretBuilder(s).withData(keyData(second)).build());

        String account = ns + ".given";
        Eventually.await("the Secret's new key alone on the backend", () -> backend.keys(account),
                keys -> keys.equals(List.of(second.id())));
        Eventually.await("the status naming it", () -> client.resources(S3User.class).inNamespace(ns).withName("given").get(),
                u -> second.id().equals(u.getStatus().getAccessKeyId()));
        try (S3Client s3 = SERVER.s3As(second.id(), second.secret())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(data).key("k")).asUtf8String()).isEqualTo("v");
        }
        try (S3Client s3 = SERVER.s3As(first.id(), first.secret())) {
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(data)))).isEqualTo(403);
        }
        assertThat(event("given", "Updated").getMessage()).contains("key " + second.id() + " made");
        assertThat(event("given", "KeyRetired").getMessage()).isEqualTo("access key " + first.id() + " deleted, "
                + ROTATION_GRACE + " after the Secret got access key " + second.id());
        assertThat(client.secrets().inNamespace(ns).withName("given-s3").get().getMetadata().getOwnerReferences())
                .as("the user's Secret, which the operator only reads").isEmpty();
    }

    /**
     * An ObjectStore as the ObjectStore operator leaves it (its admin token Secret, its certificate Secret with ca.crt),
     * played by a TLS server whose certificate that CA signed: the operator reaches it at the Service's URL (mapped to the
     * server: no cluster DNS here), trusting only that CA, and signs what only S3 sets with its own admin user's key, kept
     * beside the store. Both stores are that one server, which two stores never are in a cluster: they share the user.
     */
    @Test
    void aBucketOnAnObjectStoreIsMadeThroughItsServiceWithItsAdminTokenAndCa() throws Exception {
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.create("gitops-test-ca", now);
        IssuedCertificate certificate = ca.issueServer(List.of("localhost"), now);
        String caPem = Pem.certificate(ca.certificate());
        Path dir = Files.createTempDirectory("gitops-store-");
        Path certFile = Files.writeString(dir.resolve("tls.crt"), Pem.certificate(certificate.certificate()));
        Path keyFile = Files.writeString(dir.resolve("tls.key"), Pem.privateKey(certificate.key()));
        TlsConfig tls = new TlsConfig(io.stowage.server.tls.TlsMode.FILES, certFile, keyFile, null, List.of());
        try (StowageServer server = StowageServer.start(StowageServerExtension.config(dir.resolve("data"), tls))) {
            URI s3Url = URI.create("https://localhost:" + server.address().getPort());
            URI adminUrl = URI.create("https://localhost:" + server.adminAddress().getPort());
            for (String name : List.of("lake", "pond")) {
                ObjectStore store = TestStores.named(name, ns);
                store.getSpec().setReplicas(name.equals("lake") ? 3 : 1);
                ObjectStore created = client.resource(store).create();
                ObjectStoreNames names = ObjectStoreNames.of(created);
                client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(names.adminTokenSecret(null))
                        .endMetadata().withData(TestBackends.encoded(Map.of(AdminTokenSecretModel.KEY,
                                StowageServerExtension.ADMIN_TOKEN))).build()).create();
                client.resource(TlsSecretModels.server(created, Pem.certificate(certificate.certificate()),
                        Pem.privateKey(certificate.key()), caPem)).create();
                storeAddresses.put(URI.create(names.endpoint(true)), s3Url);
                storeAddresses.put(URI.create(names.adminEndpoint(true)), adminUrl);
            }

            String name = "lake-" + suffix;
            createBucket("lake", spec -> {
                spec.setBucketName(name);
                spec.getBackendRef().setObjectStore("lake");
                spec.setQuota(quota("1Mi", null));
                spec.setVersioning("Enabled");
            });
            awaitReady("lake");
            BackendSettings direct = new BackendSettings(BackendSettings.STOWAGE, s3Url, adminUrl,
                    StowageServerExtension.ADMIN_TOKEN, null, null, AddressingStyle.PATH, caPem, null);
            try (BucketBackend onStore = BucketBackends.open(direct); S3ObjectClient s3 = S3ObjectClient.open(onStore.endpoint(),
                    new AccessKey(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY))) {
                assertThat(onStore.findBucket(name).orElseThrow().quota()).isEqualTo(new BucketQuota(1 << 20, 0));
                assertThat(onStore.bucketTags(name)).containsEntry(GitopsApi.MANAGED_BY_TAG, ns + "/lake");
                assertThat(s3.bucketVersioning(name)).isEqualTo(BucketVersioning.ENABLED);
            }
            assertThat(backend.findBucket(name)).as("not on the default backend").isEmpty();
            // deletion reaches the store the same way: Retain takes the operator's tag off. Done now, as pond's key, on the
            // user lake's key is on (one server), replaces it
            client.resources(S3Bucket.class).inNamespace(ns).withName("lake").delete();
            Eventually.await("the S3Bucket lake gone", () -> bucket("lake") == null ? true : null);
            try (BucketBackend onStore = BucketBackends.open(direct)) {
                assertThat(onStore.bucketTags(name)).doesNotContainKey(GitopsApi.MANAGED_BY_TAG);
            }

            // a single server too: the operator's own admin key, kept beside the store, sets what only S3 sets
            String pond = "pond-" + suffix;
            createBucket("pond", spec -> {
                spec.setBucketName(pond);
                spec.getBackendRef().setObjectStore("pond");
                spec.setVersioning("Enabled");
            });
            awaitReady("pond");
            Secret operatorKey = client.secrets().inNamespace(ns).withName("pond-gitops-credentials").get();
            assertThat(operatorKey.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getName()).isEqualTo("pond"));
            AccessKey first = storeKey(operatorKey);
            S3Endpoint onStore = new S3Endpoint(s3Url, StowageServerExtension.REGION, AddressingStyle.PATH, caPem);
            try (AdminClient admin = AdminClient.builder(adminUrl).token(StowageServerExtension.ADMIN_TOKEN)
                    .trustedCertificates(caPem.getBytes(StandardCharsets.US_ASCII)).build()) {
                try (S3ObjectClient s3 = S3ObjectClient.open(onStore, new AccessKey(StowageServerExtension.ACCESS_KEY,
                        StowageServerExtension.SECRET_KEY))) {
                    assertThat(s3.bucketVersioning(pond)).isEqualTo(BucketVersioning.ENABLED);
                }
                assertThat(admin.getUser(StoreGitopsKey.USER).admin()).isTrue();
                assertThat(admin.listKeys(StoreGitopsKey.USER)).extracting(Key::accessKeyId).containsExactly(first.id());

                // the Secret deleted: a new key, and the old one, which whoever read the Secret may hold, stops working
                client.secrets().inNamespace(ns).withName("pond-gitops-credentials").delete();
                AccessKey second = Eventually.await("a new operator key on pond",
                        () -> Optional.ofNullable(client.secrets().inNamespace(ns).withName("pond-gitops-credentials").get())
                                .map(GitopsOperatorIT::storeKey).orElse(null), k -> !k.id().equals(first.id()));
                Eventually.await("only the new key on " + StoreGitopsKey.USER, () -> admin.listKeys(StoreGitopsKey.USER)
                        .stream().map(Key::accessKeyId).toList(), ids -> ids.equals(List.of(second.id())));
                try (S3ObjectClient s3 = S3ObjectClient.open(onStore, first)) {
                    assertThatThrownBy(() -> s3.bucketVersioning(pond)).isInstanceOf(BackendException.class)
                            .extracting(e -> ((BackendException) e).reason()).isEqualTo(BackendException.Reason.UNAUTHORIZED);
                }
                try (S3ObjectClient s3 = S3ObjectClient.open(onStore, second)) {
                    assertThat(s3.bucketVersioning(pond)).isEqualTo(BucketVersioning.ENABLED);
                }

                // a user of that name without admin rights is refused, not given a key it could not use
                admin.deleteUser(StoreGitopsKey.USER);
                admin.createUser(StoreGitopsKey.USER, false);
                client.secrets().inNamespace(ns).withName("pond-gitops-credentials").delete();
                S3Bucket refused = Eventually.await("pond refused", () -> bucket("pond"),
                        b -> GitopsKeyRefusedException.REASON.equals(ReadyCondition.reason(b.getStatus())));
                assertThat(refused.getStatus().getLastError()).contains("user " + StoreGitopsKey.USER
                        + " without admin rights");
                assertThat(event("pond", GitopsKeyRefusedException.REASON).getType()).isEqualTo("Warning");
                AccessKey third = storeKey(client.secrets().inNamespace(ns).withName("pond-gitops-credentials").get());
                assertThat(admin.listKeys(StoreGitopsKey.USER)).extracting(Key::accessKeyId).doesNotContain(third.id());
            }

            createBucket("nowhere", spec -> {
                spec.setBucketName("nowhere-" + suffix);
                spec.getBackendRef().setObjectStore("absent");
            });
            assertThat(event("nowhere", "BackendMissing").getMessage())
                    .isEqualTo("backendRef.objectStore: ObjectStore " + ns + "/absent does not exist");

            for (String resource : List.of("pond", "nowhere")) {
                client.resources(S3Bucket.class).inNamespace(ns).withName(resource).delete();
            }
            Eventually.await("the S3Buckets gone", () -> bucket("pond") == null && bucket("nowhere") == null ? true : null);
            try (BucketBackend onStore2 = BucketBackends.open(direct)) {
                assertThat(onStore2.bucketTags(pond)).doesNotContainKey(GitopsApi.MANAGED_BY_TAG);
            }
        }
    }

    private static AccessKey storeKey(Secret secret) {
        return new AccessKey(SecretData.decode(secret, StoreGitopsKey.ACCESS_KEY), SecretData.decode(secret,
                StoreGitopsKey.SECRET_KEY));
    }

    @Test
    void writeOnlyAndPrefixGrantsReachOnlyWhatTheyNameAndDriftIsPutBack() {
        String drop = "drop-" + suffix;
        String shared = "shared-" + suffix;
        for (String bucket : List.of(drop, shared)) {
            backend.createBucket(bucket, BucketQuota.NONE);
        }
        createUser("backup", spec -> {
            spec.setSecretName("backup-s3");
            spec.setGrants(List.of(new GrantSpec(drop, "write-only"), new GrantSpec(shared, "team/", "read-write")));
        });

        S3User ready = awaitReady(S3User.class, "backup");
        String account = ns + ".backup";
        AccessKey key = secretKey("backup-s3");
        BucketGrant writeOnly = new BucketGrant(drop, AccessMode.WRITE_ONLY);
        BucketGrant onPrefix = new BucketGrant(shared, "team/", AccessMode.READ_WRITE);
        assertThat(ready.getStatus().getGrants()).containsExactly(drop + ":write-only", shared + "/team/:read-write");
        assertThat(backend.keyGrants(key.id())).containsExactlyInAnyOrder(writeOnly, onPrefix);
        rootS3.putObject(shared, "other/k", "theirs".getBytes(StandardCharsets.UTF_8));
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(drop).key("k"), RequestBody.fromString("v"));
            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(drop).key("k")))).isEqualTo(403);
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(drop)))).isEqualTo(403);
            s3.putObject(b -> b.bucket(shared).key("team/k"), RequestBody.fromString("v"));
            assertThat(s3.listObjectsV2(b -> b.bucket(shared).prefix("team/")).contents()).hasSize(1);
            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(shared).key("other/k")))).isEqualTo(403);
            assertThat(status(() -> s3.putObject(b -> b.bucket(shared).key("other/k2"), RequestBody.fromString("v"))))
                    .isEqualTo(403);
        }

        // by hand: the write-only grant becomes read-write, the prefix grant one on the whole bucket
        backend.grant(key.id(), new BucketGrant(drop, AccessMode.READ_WRITE));
        backend.grant(key.id(), new BucketGrant(shared, AccessMode.READ_WRITE));
        Eventually.await("grants put back", () -> Set.copyOf(backend.keyGrants(key.id())).equals(Set.of(writeOnly, onPrefix))
                ? true : null);
        // the event follows the change: wait for it rather than race it
        Eventually.await("DriftCorrected naming both grants", () -> events("backup", "DriftCorrected").stream()
                .map(Event::getMessage).toList(), l -> l.stream().anyMatch(m -> m.contains("grant " + drop + ":write-only"))
                && l.stream().anyMatch(m -> m.contains("grant " + shared + "/team/:read-write")));
        assertThat(backend.keys(account)).containsExactly(key.id());
    }

    @Test
    void writeOnlyAndPrefixGrantsOnABackendWithoutThemAreRefusedBeforeAnythingIsMade() {
        String bucket = "data-" + suffix;
        backend.createBucket(bucket, BucketQuota.NONE);
        createUser("dropper", spec -> {
            spec.getBackendRef().setSecret(LACKING_BACKEND);
            spec.setSecretName("dropper-s3");
            spec.setGrants(List.of(new GrantSpec(bucket, "write-only")));
        });
        createUser("scoped", spec -> {
            spec.getBackendRef().setSecret(LACKING_BACKEND);
            spec.setSecretName("scoped-s3");
            spec.setGrants(List.of(new GrantSpec(bucket, "team/", "read-write")));
        });

        for (String name : List.of("dropper", "scoped")) {
            S3User refused = Eventually.await("Ready=False", () -> client.resources(S3User.class).inNamespace(ns).withName(name)
                    .get(), u -> u.getStatus() != null && "Unsupported".equals(ReadyCondition.reason(u.getStatus())));
            assertThat(refused.getStatus().getLastError()).contains(name.equals("dropper") ? "write-only grants"
                    : "grants on a key prefix");
            assertThat(refused.getStatus().getConditions().getFirst().getStatus()).isEqualTo("False");
            assertThat(backend.keys(ns + "." + name)).isEmpty();
        }
    }

    @Test
    void anAccountQuotaOnABackendWithoutThemIsRefusedBeforeAnythingIsMade() {
        // Stowage's quotas are per bucket: an account quota is RGW's (its user quota, in RgwBackendContractIT)
        createUser("capped", spec -> {
            spec.setSecretName("capped-s3");
            QuotaSpec quota = new QuotaSpec();
            quota.setMaxSize("1Gi");
            spec.setQuota(quota);
        });

        S3User refused = Eventually.await("Ready=False", () -> client.resources(S3User.class).inNamespace(ns)
                .withName("capped").get(), u -> u.getStatus() != null && "Unsupported".equals(ReadyCondition.reason(u.getStatus())));
        assertThat(refused.getStatus().getLastError()).contains("no account quotas");
        assertThat(backend.keys(ns + ".capped")).isEmpty();
    }

    /** A client that rereads the Secret before each request, as a pod with the Secret mounted does, never fails. */
    @Test
    void rotationReplacesTheKeyWithoutAFailedRequest() throws InterruptedException {
        String data = "rotating-" + suffix;
        backend.createBucket(data, BucketQuota.NONE);
        createUser("rotor", spec -> {
            spec.setSecretName("rotor-s3");
            spec.setGrants(List.of(new GrantSpec(data, null)));
        });
        awaitReady(S3User.class, "rotor");
        AccessKey first = secretKey("rotor-s3");

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            while (running.get() && failure.get() == null) {
                AccessKey current = secretKey("rotor-s3");
                try (S3Client s3 = SERVER.s3As(current.id(), current.secret())) {
                    int n = requests.incrementAndGet();
                    s3.putObject(b -> b.bucket(data).key("k" + n), RequestBody.fromString("v"));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }
        });
        Eventually.await("a few requests", () -> requests.get() > 5 ? true : null);
        client.resources(S3User.class).inNamespace(ns).withName("rotor").edit(u -> {
            u.getMetadata().setAnnotations(Map.of(GitopsApi.ROTATE_ANNOTATION, "2026-01"));
            return u;
        });
        S3User rotated = Eventually.await("rotated", () -> client.resources(S3User.class).inNamespace(ns).withName("rotor").get(),
                u -> u.getStatus() != null && "2026-01".equals(u.getStatus().getRotated()));
        AccessKey second = secretKey("rotor-s3");
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(rotated.getStatus().getAccessKeyId()).isEqualTo(second.id());
        assertThat(rotated.getStatus().getRetiringKey()).as("the old key, kept for the grace").isEqualTo(first.id());
        Eventually.await("the old key retired after the grace", () -> backend.keys(ns + ".rotor"),
                keys -> keys.equals(List.of(second.id())));
        int atRetirement = requests.get();
        Eventually.await("requests after the retirement", () -> requests.get() > atRetirement + 5 ? true : null);
        running.set(false);
        worker.join();

        assertThat(failure.get()).as("a request failed").isNull();
        assertThat(BackendResolver.data(client.secrets().inNamespace(ns).withName("rotor-s3").get()))
                .doesNotContainKey(KeySecret.NEXT + KeySecret.ACCESS_KEY_ID);
        assertThat(event("rotor", "Rotated").getMessage()).isEqualTo("access key " + second.id() + " replaces " + first.id()
                + " in the Secret; " + first.id() + " keeps working for " + ROTATION_GRACE + ", while clients reread the"
                + " Secret, and is deleted then");
        assertThat(event("rotor", "KeyRetired").getMessage()).isEqualTo("access key " + first.id() + " deleted, "
                + ROTATION_GRACE + " after the Secret got access key " + second.id());
        try (S3Client old = SERVER.s3As(first.id(), first.secret())) {
            assertThat(status(() -> old.listObjectsV2(b -> b.bucket(data)))).isEqualTo(403);
        }
    }

    @Test
    void anAccountOfAnotherNamespaceIsRefused() {
        createUser("intruder", spec -> {
            spec.setSecretName("intruder-s3");
            spec.setAccount("root");
        });
        assertThat(event("intruder", "InvalidSpec").getMessage()).isEqualTo("account 'root' must begin with '" + ns
                + ".' (at most 128 characters)");
        assertThat(client.secrets().inNamespace(ns).withName("intruder-s3").get()).isNull();
    }

    // ---- helpers

    private static Map<String, String> keyData(AccessKey key) {
        return TestBackends.encoded(Map.of(KeySecret.ACCESS_KEY_ID, key.id(), KeySecret.SECRET_ACCESS_KEY, key.secret()));
    }

    private static QuotaSpec quota(String maxSize, Long maxObjects) {
        QuotaSpec quota = new QuotaSpec();
        quota.setMaxSize(maxSize);
        quota.setMaxObjects(maxObjects);
        return quota;
    }

    private static String anonymousRead(String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
    }

    /** The status of an unsigned GET of a missing object: 404 when the policy lets anyone read, 403 otherwise. */
    private static int anonymousGet(String bucket) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/" + bucket + "/absent")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void createBucket(String name, Consumer<S3BucketSpec> spec) {
        S3Bucket bucket = new S3Bucket();
        bucket.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        spec.accept(bucket.getSpec());
        client.resources(S3Bucket.class).inNamespace(ns).resource(bucket).create();
    }

    private void editBucket(String name, Consumer<S3BucketSpec> change) {
        client.resources(S3Bucket.class).inNamespace(ns).withName(name).edit(b -> {
            change.accept(b.getSpec());
            return b;
        });
    }

    private void createUser(String name, Consumer<S3UserSpec> spec) {
        S3User user = new S3User();
        user.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        spec.accept(user.getSpec());
        client.resources(S3User.class).inNamespace(ns).resource(user).create();
    }

    private S3Bucket bucket(String name) {
        return client.resources(S3Bucket.class).inNamespace(ns).withName(name).get();
    }

    private S3Bucket awaitReady(String name) {
        return awaitReady(S3Bucket.class, name);
    }

    private <T extends io.fabric8.kubernetes.client.CustomResource<?, ? extends GitopsStatus>> T awaitReady(Class<T> type,
            String name) {
        return Eventually.await(type.getSimpleName() + " " + name + " ready",
                () -> client.resources(type).inNamespace(ns).withName(name).get(),
                r -> r.getStatus() != null && "Reconciled".equals(ReadyCondition.reason(r.getStatus()))
                        && r.getMetadata().getGeneration().equals(r.getStatus().getObservedGeneration()));
    }

    private AccessKey secretKey(String secret) {
        return KeySecret.key(BackendResolver.data(client.secrets().inNamespace(ns).withName(secret).get()), "").orElseThrow();
    }

    private List<Event> events(String name, String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(name) && reason.equals(e.getReason())).toList();
    }

    private Event event(String name, String reason) {
        return Eventually.await(reason + " event on " + name, () -> events(name, reason), l -> !l.isEmpty()).getFirst();
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
