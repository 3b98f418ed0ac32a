package io.stowage.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.engine.Engine;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Usage;
import io.stowage.engine.model.Versioning;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BucketUsageMetricsTest {

    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    /** What the engine reports: buckets listed, and their usage (null: deleted after being listed). */
    private final Map<String, Usage> buckets = new TreeMap<>();
    private boolean storeFails;

    @Test
    void reportsTheLargestBucketsTheRestAsOtherAndTheTotals() {
        buckets.put("logs", new Usage(5_000, 50));
        buckets.put("photos", new Usage(9_000, 3));
        buckets.put("tmp", new Usage(10, 1));
        buckets.put("empty", Usage.ZERO);

        refreshed(2);

        assertThat(series("stowage.bucket.bytes")).containsExactlyInAnyOrderEntriesOf(
                Map.of("photos", 9_000.0, "logs", 5_000.0, "_other", 10.0));
        assertThat(series("stowage.bucket.objects")).containsExactlyInAnyOrderEntriesOf(
                Map.of("photos", 3.0, "logs", 50.0, "_other", 1.0));
        assertThat(registry.get("stowage.stored.bytes").gauge().value()).isEqualTo(14_010);
        assertThat(registry.get("stowage.stored.objects").gauge().value()).isEqualTo(54);
    }

    @Test
    void rereadsUsageAtMostOncePerInterval() {
        buckets.put("a", new Usage(100, 1));
        BucketUsageMetrics metrics = refreshed(10);

        buckets.put("a", new Usage(200, 2));
        clock.add(REFRESH.minusSeconds(1));
        metrics.refresh();
        assertThat(series("stowage.bucket.bytes")).containsExactlyEntriesOf(Map.of("a", 100.0));
        assertThat(registry.get("stowage.stored.bytes").gauge().value()).isEqualTo(100);

        clock.add(1, TimeUnit.SECONDS);
        metrics.refresh();
        assertThat(series("stowage.bucket.bytes")).containsExactlyEntriesOf(Map.of("a", 200.0));
        assertThat(registry.get("stowage.stored.bytes").gauge().value()).isEqualTo(200);
    }

    @Test
    void stopsReportingBucketsThatDisappear() {
        buckets.put("kept", new Usage(100, 1));
        buckets.put("deleted", new Usage(50, 1));
        buckets.put("deleted-while-read", new Usage(70, 1));
        BucketUsageMetrics metrics = refreshed(10);
        assertThat(series("stowage.bucket.bytes")).containsOnlyKeys("kept", "deleted", "deleted-while-read");

        buckets.remove("deleted");
        buckets.put("deleted-while-read", null);
        clock.add(REFRESH);
        metrics.refresh();

        assertThat(series("stowage.bucket.bytes")).containsExactlyEntriesOf(Map.of("kept", 100.0));
        assertThat(series("stowage.bucket.objects")).containsExactlyEntriesOf(Map.of("kept", 1.0));
    }

    @Test
    void keepsTheLastFiguresWhileTheStoreCannotBeRead() {
        buckets.put("a", new Usage(100, 1));
        BucketUsageMetrics metrics = refreshed(10);

        storeFails = true;
        clock.add(REFRESH);
        metrics.refresh();
        assertThat(series("stowage.bucket.bytes")).containsExactlyEntriesOf(Map.of("a", 100.0));

        storeFails = false;
        buckets.put("a", new Usage(300, 3));
        metrics.refresh();
        assertThat(series("stowage.bucket.bytes")).as("retried at the next scrape").containsExactlyEntriesOf(Map.of("a", 300.0));
    }

    @Test
    void aLimitOfZeroReportsOnlyTheTotals() {
        buckets.put("a", new Usage(100, 1));

        refreshed(0);

        assertThat(registry.find("stowage.bucket.bytes").gauges()).isEmpty();
        assertThat(registry.find("stowage.bucket.objects").gauges()).isEmpty();
        assertThat(registry.get("stowage.stored.bytes").gauge().value()).isEqualTo(100);
    }

    private BucketUsageMetrics refreshed(int limit) {
        BucketUsageMetrics metrics = new BucketUsageMetrics(engine(), limit, REFRESH);
        metrics.bindTo(registry);
        metrics.refresh();
        return metrics;
    }

    private Map<String, Double> series(String name) {
        return registry.find(name).gauges().stream()
                .collect(Collectors.toMap(g -> g.getId().getTag("bucket"), Gauge::value));
    }

    /** An engine that only lists buckets and tells their usage, from {@link #buckets}. */
    private Engine engine() {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "buckets" -> storeFails ? fail() : buckets.keySet().stream()
                            .map(name -> new Bucket(name, "us-east-1", "root", 0, Versioning.UNVERSIONED, null))
                            .toList();
                    case "usage" -> {
                        Usage usage = buckets.get((String) args[0]);
                        if (usage == null) {
                            throw new NoSuchBucketException((String) args[0]);
                        }
                        yield usage;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Object fail() {
        throw new StorageException("metadata read failed", null);
    }
}
