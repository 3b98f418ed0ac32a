package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.server.StowageServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The metrics port of a real server: /metrics read by the Prometheus client's own text parser,
 * with every S3 request the test makes accounted for exactly, and the health endpoints through a
 * server's start and shutdown.
 */
@ExtendWith(StowageServerExtension.class)
class MetricsIT {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void countsEveryRequestAndReportsTheStoreAndTheJvm(S3Client s3, StowageServerExtension server) throws Exception {
        String bucket = TestData.bucketName("metrics");
        byte[] small = TestData.bytes(1_000, 1);
        byte[] large = TestData.bytes(100_000, 2);
        PrometheusScrape before = scrape(server.metricsEndpoint());

        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("small"), RequestBody.fromBytes(small));
        s3.putObject(b -> b.bucket(bucket).key("large"), RequestBody.fromBytes(large));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("small")).asByteArray()).isEqualTo(small);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("large")).asByteArray()).isEqualTo(large);
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("missing")))
                .isInstanceOf(NoSuchKeyException.class);

        PrometheusScrape after = scrapeOnceCounted(server.metricsEndpoint(), before, 6);
        Delta delta = new Delta(before, after);
        assertThat(delta.of("stowage_s3_requests_total", Map.of("operation", "CreateBucket", "status_class", "2xx")))
                .isEqualTo(1);
        assertThat(delta.of("stowage_s3_requests_total", Map.of("operation", "PutObject", "status_class", "2xx")))
                .isEqualTo(2);
        assertThat(delta.of("stowage_s3_requests_total", Map.of("operation", "GetObject", "status_class", "2xx")))
                .isEqualTo(2);
        assertThat(delta.of("stowage_s3_requests_total", Map.of("operation", "GetObject", "status_class", "4xx")))
                .isEqualTo(1);
        assertThat(delta.sum("stowage_s3_requests_total")).as("no other request counted").isEqualTo(6);

        assertThat(delta.of("stowage_s3_request_duration_seconds_count", Map.of("operation", "PutObject"))).isEqualTo(2);
        assertThat(delta.of("stowage_s3_request_duration_seconds_count", Map.of("operation", "GetObject"))).isEqualTo(3);
        assertThat(after.value("stowage_s3_request_duration_seconds_bucket", Map.of("operation", "GetObject", "le", "+Inf")))
                .isEqualTo(after.value("stowage_s3_request_duration_seconds_count", Map.of("operation", "GetObject")));
        assertThat(after.value("stowage_s3_request_duration_seconds_sum", Map.of("operation", "GetObject"))).isPositive();

        assertThat(delta.of("stowage_s3_received_bytes_total", Map.of())).isGreaterThanOrEqualTo(small.length + large.length);
        assertThat(delta.of("stowage_s3_sent_bytes_total", Map.of())).isGreaterThanOrEqualTo(small.length + large.length);
        assertThat(delta.of("stowage_s3_errors_total", Map.of("code", "NoSuchKey"))).isEqualTo(1);
        assertThat(delta.sum("stowage_s3_errors_total")).isEqualTo(1);

        assertThat(after.value("stowage_bucket_objects", Map.of("bucket", bucket))).isEqualTo(2);
        assertThat(after.value("stowage_bucket_bytes", Map.of("bucket", bucket))).isEqualTo(small.length + large.length);
        assertThat(delta.of("stowage_stored_bytes", Map.of())).isEqualTo(small.length + large.length);

        assertThat(after.value("stowage_rocksdb_estimated_keys")).isPositive();
        assertThat(after.value("stowage_rocksdb_block_cache_capacity_bytes")).isEqualTo(64 * 1024 * 1024);
        assertThat(after.value("stowage_blob_files")).as("the large object is in a blob file").isPositive();
        assertThat(after.value("stowage_disk_free_bytes")).isPositive()
                .isLessThanOrEqualTo(after.value("stowage_disk_total_bytes"));
        assertThat(after.families()).containsKeys("stowage_rocksdb_live_sst_bytes", "stowage_rocksdb_memtable_bytes",
                "stowage_rocksdb_block_cache_usage_bytes", "stowage_rocksdb_pending_compaction_bytes",
                "stowage_rocksdb_running_compactions", "stowage_stored_objects");

        assertThat(after.families()).containsKeys("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes",
                "jvm_threads_live_threads", "jvm_classes_loaded_classes", "process_uptime_seconds",
                "process_files_open_files", "system_cpu_count");
        assertThat(after.family("stowage_s3_requests").type()).isEqualTo("counter");
        assertThat(after.family("stowage_s3_request_duration_seconds").type()).isEqualTo("histogram");
        assertThat(after.family("stowage_bucket_bytes").type()).isEqualTo("gauge");
        assertThat(after.families().values())
                .filteredOn(family -> family.name().startsWith("stowage_"))
                .allSatisfy(family -> assertThat(family.documentation()).as(family.name()).isNotBlank());
    }

    @Test
    void countsOpenConnections(StowageServerExtension server) throws Exception {
        URI s3 = server.endpoint();
        try (Socket first = new Socket(s3.getHost(), s3.getPort()); Socket second = new Socket(s3.getHost(), s3.getPort())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            double open = scrape(server.metricsEndpoint()).value("stowage_s3_open_connections");
            while (open < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                open = scrape(server.metricsEndpoint()).value("stowage_s3_open_connections");
            }
            assertThat(open).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void answersHealthProbesAndOnlyItsOwnPathsAndMethods(StowageServerExtension server) throws Exception {
        URI endpoint = server.metricsEndpoint();

        assertThat(get(endpoint, "/health/live")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"live\"}");
        });
        assertThat(get(endpoint, "/health/ready")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ready\"}");
        });
        HttpResponse<String> head = send(endpoint, "/metrics", "HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue(PROMETHEUS_TEXT);
        assertThat(head.body()).isEmpty();
        assertThat(get(endpoint, "/metrics/extra").statusCode()).isEqualTo(404);
        assertThat(get(endpoint, "/").statusCode()).isEqualTo(404);
        HttpResponse<String> post = send(endpoint, "/metrics", "POST");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void reportsNotReadyWhileShutdownDrainsTheRequestsInFlight(@TempDir Path data) throws Exception {
        StowageServer server = StowageServer.start(StowageServerExtension.config(data));
        URI s3Endpoint = URI.create("http://127.0.0.1:" + server.address().getPort());
        URI metrics = URI.create("http://127.0.0.1:" + server.metricsAddress().getPort());
        try (S3Client s3 = client(s3Endpoint)) {
            s3.createBucket(b -> b.bucket("draining"));
        }
        Thread closing = null;
        try (Socket upload = new Socket("127.0.0.1", server.address().getPort())) {
            byte[] body = TestData.bytes(2048, 3);
            startUpload(upload, RawHttp.presign(s3Endpoint, "PUT", "/draining/slow", Clock.systemUTC(), Duration.ofMinutes(5)),
                    body);
            assertThat(get(metrics, "/health/ready").statusCode()).isEqualTo(200);

            closing = Thread.ofPlatform().start(server::close);
            awaitStatus(metrics, "/health/ready", 503);
            assertThat(get(metrics, "/health/ready").body()).isEqualTo("{\"status\":\"draining\"}");
            assertThat(get(metrics, "/health/live").statusCode()).isEqualTo(200);

            upload.getOutputStream().write(body, 1024, 1024);
            upload.getOutputStream().flush();
            assertThat(line(upload.getInputStream())).as("the upload in flight is answered").startsWith("HTTP/1.1 200");
        } finally {
            if (closing == null) {
                server.close();
            } else {
                closing.join(Duration.ofSeconds(60));
            }
        }
        assertThat(closing.isAlive()).isFalse();
        assertThatThrownBy(() -> get(metrics, "/health/live")).isInstanceOf(ConnectException.class);
    }

    /** Sends a presigned PUT's head, then half its body once the server asks for it: the request is in flight. */
    private static void startUpload(Socket socket, URI presigned, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        String head = "PUT " + presigned.getRawPath() + "?" + presigned.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: " + presigned.getAuthority() + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Expect: 100-continue\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        assertThat(line(in)).startsWith("HTTP/1.1 100");
        readHeaders(in);
        out.write(body, 0, 1024);
        out.flush();
    }

    private static void readHeaders(InputStream in) throws IOException {
        while (!line(in).isEmpty()) {
            // skip the interim response's headers
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void awaitStatus(URI endpoint, String path, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (get(endpoint, path).statusCode() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " never answered " + status);
            }
            Thread.sleep(20);
        }
    }

    /**
     * A scrape once {@code requests} more requests are counted than in {@code before}: the server
     * counts a request just after its response is written, so the client may see the response first.
     */
    private PrometheusScrape scrapeOnceCounted(URI endpoint, PrometheusScrape before, int requests) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PrometheusScrape after = scrape(endpoint);
        while (new Delta(before, after).sum("stowage_s3_requests_total") < requests && System.nanoTime() < deadline) {
            Thread.sleep(20);
            after = scrape(endpoint);
        }
        return after;
    }

    private PrometheusScrape scrape(URI endpoint) throws Exception {
        HttpResponse<String> response = get(endpoint, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROMETHEUS_TEXT);
        return PrometheusScrape.parse(response.body());
    }

    private HttpResponse<String> get(URI endpoint, String path) throws IOException, InterruptedException {
        return send(endpoint, path, "GET");
    }

    private HttpResponse<String> send(URI endpoint, String path, String method) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(StowageServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /** How much each series moved between two scrapes. */
    private record Delta(PrometheusScrape before, PrometheusScrape after) {

        double of(String sample, Map<String, String> labels) {
            return after.value(sample, labels) - before.value(sample, labels);
        }

        double sum(String sample) {
            return after.sum(sample) - before.sum(sample);
        }
    }
}
