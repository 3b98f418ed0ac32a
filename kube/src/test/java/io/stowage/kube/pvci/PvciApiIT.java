package io.stowage.kube.pvci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.kube.chart.ChartRbac;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.operator.ApiCallRecorder;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.populator.BucketSource;
import io.stowage.kube.populator.PopulatorAnnotations;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.server.it.StowageServerExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The PVCi-compatible API over real HTTP, against an API server (fabric8's mock, or STOWAGE_IT_KUBECONFIG's
 * cluster) with the data in a real Stowage server in-process. The populator itself is not running: the test
 * plays its events and annotations, whose meaning for the populator PopulatorOperatorIT shows.
 */
@ExtendWith(TestClusterExtension.class)
class PvciApiIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final String TOKEN = "test-token-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private KubernetesClient client;
    private String namespace;
    private String bucket;
    private PvciHttpServer server;
    private KubernetesClient apiClient;
    private final ApiCallRecorder apiCalls = new ApiCallRecorder();

    @BeforeEach
    void setUp(TestCluster cluster) throws Exception {
        client = cluster.client();
        namespace = cluster.namespace() + "-pvci";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        bucket = "pvci-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)) {
            s3.createBucket(b -> b.bucket(bucket));
            for (int i = 0; i < 3; i++) {
                int n = i;
                s3.putObject(b -> b.bucket(bucket).key("train/a/part-" + n), RequestBody.fromBytes(new byte[1000]));
            }
            s3.putObject(b -> b.bucket(bucket).key("other/big"), RequestBody.fromBytes(new byte[5000]));
        }
        apiClient = cluster.newClient(apiCalls);
        server = PvciHttpServer.start(new InetSocketAddress("127.0.0.1", 0), new PvciApi(apiClient, TOKEN, 25));
    }

    @AfterEach
    void tearDown() {
        server.close();
        apiClient.close();
        client.namespaces().withName(namespace).delete();
        if (!apiCalls.calls().isEmpty()) {
            ChartRbac.assertAllowedWithPvci(apiCalls.calls(), namespace);
        }
    }

    @Test
    void sizeCountsTheObjectsUnderThePrefix() throws Exception {
        HttpResponse<String> response = post("/size", s3("train/"), TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"objects\":3,\"bytes\":3000}"));
        JsonNode whole = JSON.readTree(post("/size", s3(""), TOKEN).body());
        assertThat(whole.get("objects").asLong()).isEqualTo(4);
        assertThat(whole.get("bytes").asLong()).isEqualTo(8000);
    }

    @Test
    void createMakesTheSecretTheBucketSourceAndTheClaimThenASecondCreateIs409() throws Exception {
        HttpResponse<String> response = post("/create", create("data"), TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("storage").asText()).isEqualTo("1024Mi");
        assertThat(answer.get("objects").asLong()).isEqualTo(3);
        assertThat(response.body()).doesNotContain(StowageServerExtension.SECRET_KEY);

        var secret = client.secrets().inNamespace(namespace).withName("data-s3").get();
        assertThat(SecretData.decode(secret, "accessKeyID")).isEqualTo(StowageServerExtension.ACCESS_KEY);
        assertThat(SecretData.decode(secret, "secretAccessKey")).isEqualTo(StowageServerExtension.SECRET_KEY);
        BucketSource source = client.resources(BucketSource.class).inNamespace(namespace).withName("data").get();
        assertThat(source.getSpec().getEndpoint()).isEqualTo("http://127.0.0.1:" + SERVER.endpoint().getPort());
        assertThat(source.getSpec().getBucket()).isEqualTo(bucket);
        assertThat(source.getSpec().getPrefix()).isEqualTo("train/");
        assertThat(source.getSpec().getCredentialsSecret()).isEqualTo("data-s3");
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName("data").get();
        assertThat(claim.getSpec().getDataSourceRef().getApiGroup()).isEqualTo("stowage.io");
        assertThat(claim.getSpec().getDataSourceRef().getKind()).isEqualTo("BucketSource");
        assertThat(claim.getSpec().getDataSourceRef().getName()).isEqualTo("data");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("1024Mi"));
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("local");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");

        HttpResponse<String> again = post("/create", create("data"), TOKEN);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("error").asText()).contains("exists");
    }

    @Test
    void createLeavesASecretOrBucketSourceItDidNotMakeAlone() throws Exception {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("mine-s3")
                .endMetadata().withData(Map.of("accessKeyID", SecretData.encode("someone-elses"))).build()).create();

        HttpResponse<String> refused = post("/create", create("mine"), TOKEN);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("Secret " + namespace + "/mine-s3")
                .contains("not made by this API");
        assertThat(SecretData.decode(client.secrets().inNamespace(namespace).withName("mine-s3").get(), "accessKeyID"))
                .isEqualTo("someone-elses");
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).withName("mine").get()).isNull();
    }

    @Test
    void statusFollowsThePopulator() throws Exception {
        assertThat(post("/create", create("vol"), TOKEN).statusCode()).isEqualTo(201);
        String status = "{\"namespace\":\"" + namespace + "\",\"name\":\"vol\"}";
        assertThat(JSON.readTree(post("/status", status, TOKEN).body())).isEqualTo(JSON.readTree(
                "{\"InjectorHasError\":false,\"InjectorError\":\"\",\"InjectorState\":\"Pending\",\"PVCHasError\":false,"
                        + "\"PVCError\":\"\",\"PVCStatus\":\"Pending\"}"));

        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName("vol").get();
        KubeEvents events = new KubeEvents(client, Clock.systemUTC());
        events.normal(claim, "PopulatorCreated", "populating");
        assertThat(JSON.readTree(post("/status", status, TOKEN).body()).get("InjectorState").asText()).isEqualTo("Running");

        Thread.sleep(1100); // event times have a resolution of a second in the API
        events.warning(claim, "PopulatorFailed", "populator pod failed (attempt 1): exit code 3");
        JsonNode failed = JSON.readTree(post("/status", status, TOKEN).body());
        assertThat(failed.get("InjectorState").asText()).isEqualTo("Failed");
        assertThat(failed.get("InjectorHasError").asBoolean()).isTrue();
        assertThat(failed.get("InjectorError").asText()).isEqualTo("PopulatorFailed: populator pod failed (attempt 1):"
                + " exit code 3");

        client.persistentVolumeClaims().inNamespace(namespace).withName("vol").edit(c -> {
            var annotations = new HashMap<String, String>();
            annotations.put(PopulatorAnnotations.POPULATED_FROM, namespace + "/vol");
            c.getMetadata().setAnnotations(annotations);
            return c;
        });
        JsonNode done = JSON.readTree(post("/status", status, TOKEN).body());
        assertThat(done.get("InjectorState").asText()).isEqualTo("Succeeded");
        assertThat(done.get("InjectorHasError").asBoolean()).isFalse();

        assertThat(post("/status", "{\"namespace\":\"" + namespace + "\",\"name\":\"nope\"}", TOKEN).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aSourceTooLargeIsReportedAsAClaimError() throws Exception {
        assertThat(post("/create", create("big"), TOKEN).statusCode()).isEqualTo(201);
        client.persistentVolumeClaims().inNamespace(namespace).withName("big").edit(c -> {
            var annotations = new HashMap<String, String>();
            annotations.put(PopulatorAnnotations.SIZE_REFUSED, "the source holds 3000 bytes");
            c.getMetadata().setAnnotations(annotations);
            return c;
        });
        JsonNode status = JSON.readTree(post("/status", "{\"namespace\":\"" + namespace + "\",\"name\":\"big\"}", TOKEN)
                .body());
        assertThat(status.get("PVCHasError").asBoolean()).isTrue();
        assertThat(status.get("PVCError").asText()).isEqualTo("the source holds 3000 bytes");
    }

    @Test
    void everyRouteRefusesAMissingOrWrongToken() throws Exception {
        for (String route : new String[] {"/size", "/create", "/status", "/nowhere"}) {
            for (String token : new String[] {null, "wrong", TOKEN + "x", ""}) {
                HttpResponse<String> response = post(route, create("x"), token);
                assertThat(response.statusCode()).as(route + " with " + token).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                assertThat(JSON.readTree(response.body()).get("error").asText()).contains("bearer token");
            }
        }
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).withName("x").get()).isNull();
    }

    @Test
    void badBodiesUnknownRoutesAndWrongMethodsAreJsonErrors() throws Exception {
        HttpResponse<String> bad = post("/create", "{\"s3_endpoint\":\"h:1\"}", TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("s3_bucket: required");
        assertThat(post("/size", "{", TOKEN).statusCode()).isEqualTo(400);
        assertThat(post("/status", "{\"namespace\":\"x\"}", TOKEN).body()).contains("name: required");
        assertThat(post("/metrics", "{}", TOKEN).statusCode()).isEqualTo(404);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(url("/size")).header("Authorization", "Bearer " + TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(get.body()).has("error")).isTrue();
    }

    @Test
    void anUnreachableSourceIs502WithoutAStackTrace() throws Exception {
        String unreachable = s3("train/").replace("127.0.0.1:" + SERVER.endpoint().getPort(), "127.0.0.1:1");
        HttpResponse<String> response = post("/size", unreachable, TOKEN);
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).doesNotContain("at io.").doesNotContain(StowageServerExtension.SECRET_KEY);
    }

    private String s3(String prefix) {
        return "{\"s3_endpoint\":\"127.0.0.1:" + SERVER.endpoint().getPort() + "\",\"s3_ssl\":false,\"s3_bucket\":\""
                + bucket + "\",\"s3_prefix\":\"" + prefix + "\",\"s3_key\":\"" + StowageServerExtension.ACCESS_KEY
                + "\",\"s3_secret\":\"" + StowageServerExtension.SECRET_KEY + "\"}";
    }

    private String create(String name) {
        String s3 = s3("train/");
        return s3.substring(0, s3.length() - 1) + ",\"namespace\":\"" + namespace + "\",\"name\":\"" + name
                + "\",\"storage_class\":\"local\"}";
    }

    private URI url(String route) {
        return URI.create("http://127.0.0.1:" + server.localAddress().getPort() + route);
    }

    private HttpResponse<String> post(String route, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(route)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
