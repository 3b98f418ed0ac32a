package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.cli.it.OperatorLauncher;
import io.stowage.cli.it.ServerProcess;
import io.stowage.kube.operator.Eventually;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.populator.PopulatorReconciler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged `stowage operator` with the volume populator and the PVCi-compatible API on, as a PVCi user meets it:
 * /size, /create and /status over HTTP with the bearer token from a file, the claim /create makes picked up by the
 * populator in the same process (its prime claim and pod in the operator's namespace), and a claim deleted
 * mid-population taking its temporaries with it. Data in a `stowage server` process.
 *
 * <p>On fabric8's mock API server nothing schedules or runs the pod, so the populated volume and the final
 * /status of a finished population are not shown here (PopulatorOperatorIT plays those steps; the worker's copy is
 * PopulateIT's). Against a real cluster (STOWAGE_IT_KUBECONFIG) the pod would start but could not reach the server
 * on this machine's loopback address.
 */
class PopulatorProcessIT {

    @RegisterExtension
    static final TestClusterExtension CLUSTER = new TestClusterExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PVCI_PORT = Pattern.compile("PVCi-compatible API on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String TOKEN = "pvci-" + UUID.randomUUID();
    private static ServerProcess server;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private TestCluster cluster;
    private KubernetesClient client;
    private OperatorLauncher operator;
    private int pvciPort;
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    @BeforeEach
    void startOperator(TestCluster cluster) throws Exception {
        this.cluster = cluster;
        this.client = cluster.client();
        bucket = "datasets-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = S3Client.builder().endpointOverride(server.s3Endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        ServerProcess.ROOT_ACCESS_KEY, ServerProcess.ROOT_SECRET_KEY))).build()) {
            s3.createBucket(b -> b.bucket(bucket));
            for (int i = 0; i < 5; i++) {
                int n = i;
                s3.putObject(b -> b.bucket(bucket).key("images/" + n + ".jpg"), RequestBody.fromBytes(new byte[2000]));
            }
        }
        Path tokenFile = Files.createFile(dir.resolve("pvci-token"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, TOKEN + "\n");
        operator = OperatorLauncher.start(kubeconfig(), dir.resolve("operator.log"), List.of(
                "--namespaces=" + cluster.namespace(), "--provisioners=populator",
                "--pvci-address=127.0.0.1:0", "--pvci-token-file=" + tokenFile));
        pvciPort = Integer.parseInt(operator.awaitLog(PVCI_PORT).group(1));
    }

    @AfterEach
    void stopOperator() throws Exception {
        cluster.settle();
        operator.close();
        http.close();
    }

    @Test
    void aPvciClientSizesCreatesAndFollowsAClaimThatThePopulatorPicksUp() throws Exception {
        String ns = cluster.namespace();
        assertThat(post("/size", s3Fields(), null).statusCode()).isEqualTo(401);
        HttpResponse<String> size = post("/size", s3Fields(), TOKEN);
        assertThat(size.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(size.body())).isEqualTo(JSON.readTree("{\"objects\":5,\"bytes\":10000}"));

        HttpResponse<String> created = post("/create", withClaim(s3Fields(), ns, "images"), TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(ServerProcess.ROOT_SECRET_KEY);

        PersistentVolumeClaim claim = Eventually.await("the claim /create made, protected by the populator", () ->
                client.persistentVolumeClaims().inNamespace(ns).withName("images").get(), c -> c.getMetadata()
                .getFinalizers() != null && c.getMetadata().getFinalizers().contains(PopulatorReconciler.FINALIZER));
        String temporaries = "populate-" + claim.getMetadata().getUid();
        // The operator's namespace, where the temporaries go: its kubeconfig context's (the mock's is "default").
        String working = cluster.isMock() ? "default" : client.getConfiguration().getNamespace();
        Pod pod = Eventually.await("the populator pod", () -> client.pods().inNamespace(working).withName(temporaries).get());
        assertThat(pod.getSpec().getContainers().getFirst().getArgs()).contains("--bucket", bucket, "--prefix", "images/");
        assertThat(client.persistentVolumeClaims().inNamespace(working).withName(temporaries).get()).isNotNull();

        JsonNode status = Eventually.await("/status Running", () -> status(ns, "images"),
                s -> "Running".equals(s.get("InjectorState").asText()));
        assertThat(status.get("InjectorHasError").asBoolean()).isFalse();
        assertThat(status.get("PVCStatus").asText()).isEqualTo("Pending");

        client.persistentVolumeClaims().inNamespace(ns).withName("images").delete();
        Eventually.await("the claim and its temporaries gone", () -> List.of(
                client.persistentVolumeClaims().inNamespace(ns).withName("images").get() == null,
                client.pods().inNamespace(working).withName(temporaries).get() == null,
                client.persistentVolumeClaims().inNamespace(working).withName(temporaries).get() == null,
                client.secrets().inNamespace(working).withName(temporaries).get() == null), l -> !l.contains(false));
        assertThat(post("/status", "{\"namespace\":\"" + ns + "\",\"name\":\"images\"}", TOKEN).statusCode()).isEqualTo(404);
        assertThat(operator.log()).doesNotContain(TOKEN).doesNotContain(ServerProcess.ROOT_SECRET_KEY);
    }

    private JsonNode status(String ns, String name) {
        try {
            return JSON.readTree(post("/status", "{\"namespace\":\"" + ns + "\",\"name\":\"" + name + "\"}", TOKEN).body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String s3Fields() {
        return "{\"s3_endpoint\":\"127.0.0.1:" + server.s3Endpoint().getPort() + "\",\"s3_ssl\":false,\"s3_bucket\":\""
                + bucket + "\",\"s3_prefix\":\"images/\",\"s3_key\":\"" + ServerProcess.ROOT_ACCESS_KEY
                + "\",\"s3_secret\":\"" + ServerProcess.ROOT_SECRET_KEY + "\"}";
    }

    private static String withClaim(String s3, String ns, String name) {
        return s3.substring(0, s3.length() - 1) + ",\"namespace\":\"" + ns + "\",\"name\":\"" + name
                + "\",\"storage_class\":\"local\"}";
    }

    private HttpResponse<String> post(String route, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pvciPort + route))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path kubeconfig() throws IOException {
        if (cluster.isMock()) {
            return OperatorLauncher.mockKubeconfig(dir.resolve("kubeconfig"), client.getConfiguration().getMasterUrl());
        }
        return Path.of(System.getenv(TestClusterExtension.KUBECONFIG_ENV));
    }
}
