package io.stowage.server.it;

import io.stowage.server.StowageServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** What the lifecycle ITs need around servers they start themselves: a client, a counter's value, a deadline. */
final class LifecycleServers {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LifecycleServers() {
    }

    static URI endpoint(StowageServer server) {
        return URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    static S3Client client(StowageServer server) {
        return S3Client.builder()
                .endpointOverride(endpoint(server))
                .region(Region.of(StowageServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /**
     * The value of one counter sample on the server's /metrics, e.g. {@code stowage_lifecycle_cycles_total} or
     * {@code stowage_lifecycle_expired_total{kind="current"}}; 0 when the sample is not there.
     */
    static double counter(StowageServer server, String sample) throws IOException, InterruptedException {
        URI metrics = URI.create("http://127.0.0.1:" + server.metricsAddress().getPort() + "/metrics");
        String text = HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0 && line.substring(0, space).equals(sample)) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return 0;
    }

    @FunctionalInterface
    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls until {@code actual} gives {@code expected}; fails with the last value seen after the deadline. */
    static <T> void await(String what, Probe<T> actual, T expected) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        T last = actual.get();
        while (!Objects.equals(last, expected)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": expected " + expected + " within " + DEADLINE + " but was " + last);
            }
            Thread.sleep(100);
            last = actual.get();
        }
    }

    /** Waits until the clock is past {@code instant}. */
    static void awaitPast(Instant instant) throws InterruptedException {
        Supplier<Long> left = () -> Duration.between(Instant.now(), instant).toMillis();
        while (left.get() >= 0) {
            Thread.sleep(Math.min(left.get() + 1, 500));
        }
    }
}
