package io.stowage.kube.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.kube.TestStores;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.probes.ProbeHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator's metrics port, wired as {@link OperatorProcess} wires it, over a running operator. */
@ExtendWith(TestClusterExtension.class)
class OperatorProbesIT {

    private static final String RECONCILIATIONS = "operator_sdk_reconciliations_success_total";

    private final HttpClient http = HttpClient.newHttpClient();
    private TestCluster cluster;
    private KubernetesClient operatorClient;
    private OperatorMetrics metrics;
    private OperatorRunner runner;
    private ProbeHttpServer probes;

    @BeforeEach
    void startOperator(TestCluster cluster) throws IOException {
        this.cluster = cluster;
        operatorClient = cluster.newClient();
        metrics = new OperatorMetrics();
        runner = new OperatorRunner(operatorClient,
                new OperatorConfig(Set.of(cluster.namespace()), false, "unused", null, TestStores.IMAGE),
                Clock.systemUTC(), metrics.reconciliation(), new ProvisioningMetrics(metrics.registry()), () -> { });
        probes = ProbeHttpServer.bind(new InetSocketAddress("127.0.0.1", 0));
        probes.start(metrics::scrape, runner::readiness);
        runner.start();
    }

    @AfterEach
    void stopOperator() {
        cluster.settle();
        runner.close();
        probes.close();
        metrics.close();
        operatorClient.close();
        http.close();
    }

    @Test
    void liveAndReadyOnceStarted() {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        Eventually.await("/health/ready 200", () -> get("/health/ready").statusCode(), status -> status == 200);
    }

    @Test
    void metricsCountReconciliationsAndDescribeTheJvm() {
        double before = reconciliations(get("/metrics").body());

        cluster.client().resource(TestStores.named("s3", cluster.namespace())).create();
        Eventually.await("the StatefulSet", () -> cluster.client().resources(StatefulSet.class)
                .inNamespace(cluster.namespace()).withName("s3").get());

        String scrape = Eventually.await(RECONCILIATIONS + " above " + before, () -> get("/metrics").body(),
                body -> reconciliations(body) > before);
        assertThat(scrape).contains("# TYPE operator_sdk_events_received_total counter",
                "# TYPE jvm_memory_used_bytes gauge", "# TYPE jvm_threads_live_threads gauge");
    }

    @Test
    void notReadyOnceStopping() {
        Eventually.await("/health/ready 200", () -> get("/health/ready").statusCode(), status -> status == 200);
        cluster.settle();

        runner.close();

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("draining");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    /** The sum of the counter over its series: 0 before the first reconcile creates it. */
    private static double reconciliations(String scrape) {
        Matcher series = Pattern.compile("(?m)^" + RECONCILIATIONS + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
        double sum = 0;
        while (series.find()) {
            sum += Double.parseDouble(series.group(2));
        }
        return sum;
    }

    private HttpResponse<String> get(String path) {
        URI uri = URI.create("http://127.0.0.1:" + probes.localAddress().getPort() + path);
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("GET " + path, e);
        }
    }
}
