package io.stowage.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeHttpServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<Readiness.State> state = new AtomicReference<>(Readiness.State.STARTING);
    private final AtomicReference<String> metrics = new AtomicReference<>("up 1\n");
    private ProbeHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = ProbeHttpServer.bind(new InetSocketAddress("127.0.0.1", 0));
        server.start(() -> {
            String text = metrics.get();
            if (text == null) {
                throw new IllegalStateException("registry closed");
            }
            return text;
        }, state::get);
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void servesTheScrapeAsPrometheusText() throws Exception {
        HttpResponse<String> response = get("GET", "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("up 1\n");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aFailedScrapeIsA500() throws Exception {
        metrics.set(null);

        assertThat(get("GET", "/metrics").statusCode()).isEqualTo(500);
    }

    @Test
    void liveWhateverTheReadiness() throws Exception {
        for (Readiness.State each : Readiness.State.values()) {
            state.set(each);
            assertThat(get("GET", "/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readyOnlyInTheReadyStateAskedOnEveryRequest() throws Exception {
        assertThat(get("GET", "/health/ready")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"status\":\"starting\"}");
        });
        state.set(Readiness.State.READY);
        assertThat(get("GET", "/health/ready").statusCode()).isEqualTo(200);
        state.set(Readiness.State.DRAINING);
        assertThat(get("GET", "/health/ready")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"status\":\"draining\"}");
        });
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> response = get("HEAD", "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("GET", "/").statusCode()).isEqualTo(404);
        assertThat(get("GET", "/health").statusCode()).isEqualTo(404);
        HttpResponse<String> post = get("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    private HttpResponse<String> get(String method, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.localAddress().getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
