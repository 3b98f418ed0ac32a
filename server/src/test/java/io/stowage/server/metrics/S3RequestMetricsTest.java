package io.stowage.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.s3.http.CompletedRequest;
import io.stowage.s3.http.RequestSummary;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class S3RequestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final S3RequestMetrics metrics = new S3RequestMetrics(registry);

    @Test
    void countsRequestsByOperationAndStatusClass() {
        metrics.completed(request("PutObject", 200, null));
        metrics.completed(request("PutObject", 200, null));
        metrics.completed(request("PutObject", 503, "SlowDown"));
        metrics.completed(request("GetObject", 404, "NoSuchKey"));

        assertThat(requests("PutObject", "2xx")).isEqualTo(2);
        assertThat(requests("PutObject", "5xx")).isEqualTo(1);
        assertThat(requests("GetObject", "4xx")).isEqualTo(1);
        assertThat(registry.find("stowage.s3.requests").tags("operation", "GetObject", "status_class", "2xx").counter())
                .as("no series for a status class that never occurred").isNull();
    }

    @Test
    void labelsUnroutedAndUndecodableRequestsUnknown() {
        metrics.completed(request(null, 400, "InvalidRequest"));
        metrics.completed(new CompletedRequest(null, "GET", "/", "127.0.0.1", 400, 0, 0, 1_000_000, true));

        assertThat(requests(S3RequestMetrics.UNKNOWN_OPERATION, "4xx")).isEqualTo(2);
        assertThat(registry.get("stowage.s3.errors").tag("code", "InvalidRequest").counter().count()).isEqualTo(1);
    }

    @Test
    void countsErrorsByCodeAndNothingForSuccesses() {
        metrics.completed(request("GetObject", 404, "NoSuchKey"));
        metrics.completed(request("HeadObject", 404, "NoSuchKey"));
        metrics.completed(request("PutObject", 403, "AccessDenied"));
        metrics.completed(request("PutObject", 200, null));

        assertThat(registry.get("stowage.s3.errors").tag("code", "NoSuchKey").counter().count()).isEqualTo(2);
        assertThat(registry.get("stowage.s3.errors").tag("code", "AccessDenied").counter().count()).isEqualTo(1);
        assertThat(registry.get("stowage.s3.errors").counters()).hasSize(2);
    }

    @Test
    void sumsBytesInAndOut() {
        metrics.completed(new CompletedRequest(summary("PutObject", null), "PUT", "/b/k", "127.0.0.1", 200, 1000, 0,
                1_000_000, true));
        metrics.completed(new CompletedRequest(summary("GetObject", null), "GET", "/b/k", "127.0.0.1", 200, 0, 700,
                1_000_000, false));

        assertThat(registry.get("stowage.s3.received").counter().count()).isEqualTo(1000);
        assertThat(registry.get("stowage.s3.sent").counter().count()).isEqualTo(700);
    }

    @Test
    void timesRequestsPerOperationIntoFixedBuckets() {
        metrics.completed(timed("GetObject", Duration.ofMillis(3)));
        metrics.completed(timed("GetObject", Duration.ofMillis(40)));
        metrics.completed(timed("GetObject", Duration.ofSeconds(90)));

        Timer timer = registry.get("stowage.s3.request.duration").tag("operation", "GetObject").timer();
        assertThat(timer.count()).isEqualTo(3);
        CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
        assertThat(buckets).hasSize(15);
        assertThat(Arrays.stream(buckets).map(b -> b.bucket() / 1e9 + "=" + (long) b.count()))
                .startsWith("0.001=0", "0.0025=0", "0.005=1")
                .contains("0.05=2")
                .endsWith("60.0=2");
    }

    @Test
    void registersEachSeriesOnceHoweverManyRequests() {
        for (int i = 0; i < 1000; i++) {
            metrics.completed(request("GetObject", 200, null));
        }
        int meters = registry.getMeters().size();
        for (int i = 0; i < 1000; i++) {
            metrics.completed(request("GetObject", 200, null));
        }

        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(requests("GetObject", "2xx")).isEqualTo(2000);
    }

    private double requests(String operation, String statusClass) {
        Counter counter = registry.get("stowage.s3.requests").tags("operation", operation, "status_class", statusClass)
                .counter();
        return counter.count();
    }

    private static CompletedRequest request(String operation, int status, String errorCode) {
        return new CompletedRequest(summary(operation, errorCode), "GET", "/b/k", "127.0.0.1", status, 0, 0, 1_000_000,
                true);
    }

    private static CompletedRequest timed(String operation, Duration duration) {
        return new CompletedRequest(summary(operation, null), "GET", "/b/k", "127.0.0.1", 200, 0, 0, duration.toNanos(),
                true);
    }

    private static RequestSummary summary(String operation, String errorCode) {
        return new RequestSummary("req-1", operation, "b", "k", null, errorCode);
    }
}
