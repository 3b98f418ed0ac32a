package io.stowage.bench.provision;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.kube.operator.OperatorConfig;
import io.stowage.kube.operator.OperatorRunner;
import io.stowage.kube.operator.ProvisioningConfig;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.FrontEnd;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.probes.Readiness;
import io.stowage.s3.S3Config;
import io.stowage.server.ServerConfig;
import io.stowage.server.StowageServer;
import io.stowage.server.lifecycle.LifecycleSettings;
import io.stowage.server.metrics.MetricsConfig;
import io.stowage.server.tls.TlsConfig;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Claim-to-credentials latency of each provisioning front end: the time from creating a claim to the
 * moment its front end says the credentials work (an ObjectBucketClaim Bound, COSI's credentials Secret
 * written, an annotated Secret marked provisioned), polled every 2 ms. Everything runs in this JVM on
 * loopback: a real Stowage server, fabric8's mock API server (CRUD mode) and the operator's runner with
 * every provisioner. Claims go one at a time, so each figure is one claim's path, not a queue.
 *
 * <p>Run from the repository root after {@code ./mvnw -B package -DskipTests}:
 * {@code java -cp bench/target/benchmarks.jar io.stowage.bench.provision.ClaimLatency [CLAIMS]}.
 * The mock API server answers faster than a real one backed by etcd, and its watches deliver at once:
 * on a real cluster add the API server's write and watch latency (typically a few to tens of ms per
 * hop, several hops per claim).
 */
public final class ClaimLatency {

    private static final String NAMESPACE = "bench";
    private static final String TOKEN = "bench-admin-token-0123456789abcdef";
    private static final Map<String, ResourceDefinitionContext> KINDS = Map.of(
            "ObjectBucketClaim", context("objectbucket.io", "ObjectBucketClaim", "objectbucketclaims", true),
            "BucketClass", context("objectstorage.k8s.io", "BucketClass", "bucketclasses", false),
            "BucketAccessClass", context("objectstorage.k8s.io", "BucketAccessClass", "bucketaccessclasses", false),
            "BucketClaim", context("objectstorage.k8s.io", "BucketClaim", "bucketclaims", true),
            "BucketAccess", context("objectstorage.k8s.io", "BucketAccess", "bucketaccesses", true));

    private KubernetesClient client;

    public static void main(String[] args) throws Exception {
        int claims = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        new ClaimLatency().run(claims);
    }

    private void run(int claims) throws Exception {
        Path data = Files.createTempDirectory("stowage-claim-latency-");
        StowageServer server = StowageServer.start(new ServerConfig(new InetSocketAddress("127.0.0.1", 0), data,
                new S3Config("us-east-1", null), 32 * 1024, ServerConfig.DEFAULT_MULTIPART_EXPIRY, "BENCHROOTKEY",
                "bench-root-secret-0123456789", new InetSocketAddress("127.0.0.1", 0), TOKEN,
                ServerConfig.DEFAULT_SHUTDOWN_GRACE, TlsConfig.off(),
                new MetricsConfig(new InetSocketAddress("127.0.0.1", 0), MetricsConfig.DEFAULT_BUCKET_LIMIT),
                LifecycleSettings.DEFAULT));
        KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        api.init();
        client = api.createClient();
        KubernetesClient operatorClient = new KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
        OperatorRunner runner = null;
        try {
            setUp(server);
            runner = new OperatorRunner(operatorClient, new OperatorConfig(Set.of(NAMESPACE), false, "unused", null,
                    "unused", new ProvisioningConfig(Set.of(FrontEnd.OBC, FrontEnd.SECRET, FrontEnd.COSI), new BackendRef(NAMESPACE, "backend"),
                            ProvisioningConfig.DEFAULT_COSI_DRIVER_NAME, true, List.of())),
                    Clock.systemUTC(), Metrics.NOOP, new ProvisioningMetrics(new SimpleMeterRegistry()), () -> { });
            runner.start();
            while (runner.readiness() != Readiness.State.READY) {
                Thread.sleep(50);
            }
            System.out.printf("%-7s %6s %9s %9s %9s %9s%n", "front", "claims", "p50 ms", "p90 ms", "max ms", "mean ms");
            report("obc", claims, this::createObc, i -> "Bound".equals(phase("ObjectBucketClaim", "obc-" + i)));
            report("cosi", claims, this::createCosi, i -> secretHas("cosi-" + i + "-credentials", "BucketInfo"));
            report("secret", claims, this::createAnnotatedSecret, i -> provisioned("secret-" + i));
        } finally {
            if (runner != null) {
                runner.close();
            }
            operatorClient.close();
            client.close();
            api.destroy();
            server.close();
        }
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    /** Whether claim I's credentials are ready: the moment its front end tells the workload they work. */
    private interface Ready {
        boolean test(int i);
    }

    private void report(String frontEnd, int claims, Step create, Ready ready) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < claims; i++) {
            long start = System.nanoTime();
            create.run(i);
            long deadline = start + 30_000_000_000L;
            while (!ready.test(i)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(frontEnd + " claim " + i + ": no credentials within 30 s");
                }
                Thread.sleep(2);
            }
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        double mean = millis.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("%-7s %6d %9.1f %9.1f %9.1f %9.1f%n", frontEnd, claims, percentile(millis, 0.5),
                percentile(millis, 0.9), millis.getLast(), mean);
    }

    /** An ObjectBucketClaim is Bound once its key is on the backend (its Secret is written before). */
    private String phase(String kind, String name) {
        GenericKubernetesResource claim = client.genericKubernetesResources(KINDS.get(kind)).inNamespace(NAMESPACE)
                .withName(name).get();
        return claim != null && claim.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                ? (String) status.get("phase") : null;
    }

    /** COSI's Secret is written once the grant is done. */
    private boolean secretHas(String name, String key) {
        Secret secret = client.secrets().inNamespace(NAMESPACE).withName(name).get();
        return secret != null && secret.getData() != null && secret.getData().containsKey(key);
    }

    /** An annotated Secret is done when the provisioner records its fingerprint. */
    private boolean provisioned(String name) {
        Secret secret = client.secrets().inNamespace(NAMESPACE).withName(name).get();
        return secret != null && secret.getMetadata().getAnnotations() != null
                && secret.getMetadata().getAnnotations().containsKey("stowage.io/provisioned");
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private void setUp(StowageServer server) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("charts", "stowage", "crds"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
                }
            }
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("backend").endMetadata()
                .addToStringData("s3Endpoint", "http://127.0.0.1:" + server.address().getPort())
                .addToStringData("adminEndpoint", "http://127.0.0.1:" + server.adminAddress().getPort())
                .addToStringData("adminToken", TOKEN).build()).create();
        client.storage().v1().storageClasses().resource(new io.fabric8.kubernetes.api.model.storage.StorageClassBuilder()
                .withNewMetadata().withName("stowage-bucket").endMetadata().withProvisioner("stowage.io/bucket")
                .withReclaimPolicy("Delete").addToParameters("backendSecret", NAMESPACE + "/backend").build()).create();
        GenericKubernetesResource bucketClass = object("objectstorage.k8s.io/v1alpha1", "BucketClass", null, "stowage");
        bucketClass.setAdditionalProperty("driverName", ProvisioningConfig.DEFAULT_COSI_DRIVER_NAME);
        bucketClass.setAdditionalProperty("deletionPolicy", "Delete");
        bucketClass.setAdditionalProperty("parameters", Map.of("backendSecret", NAMESPACE + "/backend"));
        apply(bucketClass);
        GenericKubernetesResource accessClass = object("objectstorage.k8s.io/v1alpha1", "BucketAccessClass", null, "stowage");
        accessClass.setAdditionalProperty("driverName", ProvisioningConfig.DEFAULT_COSI_DRIVER_NAME);
        accessClass.setAdditionalProperty("authenticationType", "Key");
        accessClass.setAdditionalProperty("parameters", Map.of("accessMode", "read-write"));
        apply(accessClass);
    }

    private void createObc(int i) {
        GenericKubernetesResource claim = object("objectbucket.io/v1alpha1", "ObjectBucketClaim", NAMESPACE, "obc-" + i);
        claim.setAdditionalProperty("spec", Map.of("storageClassName", "stowage-bucket", "generateBucketName", "obc-" + i));
        apply(claim);
    }

    private void createCosi(int i) {
        GenericKubernetesResource claim = object("objectstorage.k8s.io/v1alpha1", "BucketClaim", NAMESPACE, "cosi-" + i);
        claim.setAdditionalProperty("spec", Map.of("bucketClassName", "stowage", "protocols", List.of("S3")));
        apply(claim);
        GenericKubernetesResource access = object("objectstorage.k8s.io/v1alpha1", "BucketAccess", NAMESPACE, "cosi-" + i);
        access.setAdditionalProperty("spec", Map.of("bucketClaimName", "cosi-" + i, "bucketAccessClassName", "stowage",
                "credentialsSecretName", "cosi-" + i + "-credentials", "protocol", "S3"));
        apply(access);
    }

    private void createAnnotatedSecret(int i) {
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("secret-" + i)
                .addToAnnotations("s3-resource-operator.io/enabled", "true").endMetadata()
                .addToData("bucket-name", base64("secret-bucket-" + i))
                .addToData("access-key", base64("BENCHKEY" + String.format("%012d", i)))
                .addToData("secret-key", base64("bench-secret-0123456789-" + i)).build()).create();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void apply(GenericKubernetesResource object) {
        var resources = client.genericKubernetesResources(KINDS.get(object.getKind()));
        (object.getMetadata().getNamespace() == null ? resources.resource(object)
                : resources.inNamespace(object.getMetadata().getNamespace()).resource(object)).create();
    }

    private static GenericKubernetesResource object(String apiVersion, String kind, String namespace, String name) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(apiVersion);
        object.setKind(kind);
        object.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        return object;
    }

    private static ResourceDefinitionContext context(String group, String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1alpha1").withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
