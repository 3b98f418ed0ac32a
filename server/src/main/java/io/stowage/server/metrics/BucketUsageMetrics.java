package io.stowage.server.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.stowage.engine.Engine;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects and bytes per bucket ({@code stowage_bucket_objects}, {@code stowage_bucket_bytes}) for
 * the largest buckets, and of all buckets together ({@code stowage_stored_objects},
 * {@code stowage_stored_bytes}), from the engine's exact usage counters. Reading every bucket's
 * counters costs one lookup per bucket, so {@link #refresh} rereads them at most once per
 * interval, whatever the scrape rate.
 */
final class BucketUsageMetrics implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(BucketUsageMetrics.class);

    private final Engine engine;
    private final int limit;
    private final long refreshNanos;
    private Clock clock;
    private MultiGauge objectsByBucket;
    private MultiGauge bytesByBucket;
    private volatile Usage total = Usage.ZERO;
    private long refreshedAt;
    private boolean refreshed;

    BucketUsageMetrics(Engine engine, int limit, Duration refreshInterval) {
        this.engine = engine;
        this.limit = limit;
        this.refreshNanos = refreshInterval.toNanos();
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        clock = registry.config().clock();
        Gauge.builder("stowage.stored.objects", this, m -> m.total.objects())
                .description("Objects in all buckets")
                .strongReference(true)
                .register(registry);
        Gauge.builder("stowage.stored.bytes", this, m -> m.total.bytes())
                .baseUnit("bytes")
                .description("Bytes of the objects in all buckets (the sum of the buckets' usage counters)")
                .strongReference(true)
                .register(registry);
        if (limit > 0) {
            objectsByBucket = MultiGauge.builder("stowage.bucket.objects")
                    .description("Objects in a bucket; buckets beyond the largest are summed as bucket=\"_other\"")
                    .register(registry);
            bytesByBucket = MultiGauge.builder("stowage.bucket.bytes")
                    .baseUnit("bytes")
                    .description("Bytes of the objects in a bucket; buckets beyond the largest are summed as bucket=\"_other\"")
                    .register(registry);
        }
    }

    /**
     * Rereads the buckets' usage if the last reading is older than the interval. When the store
     * cannot be read the last figures stay, and the next scrape tries again.
     */
    synchronized void refresh() {
        long now = clock.monotonicTime();
        if (refreshed && now - refreshedAt < refreshNanos) {
            return;
        }
        List<BucketUsage> buckets;
        try {
            buckets = readAll();
        } catch (StorageException e) {
            LOG.warn("Bucket usage unavailable for this scrape", e);
            return;
        }
        total = buckets.stream().map(BucketUsage::usage).reduce(Usage.ZERO, Usage::plus);
        if (limit > 0) {
            List<BucketUsage> selected = TopBuckets.select(buckets, limit);
            objectsByBucket.register(selected.stream()
                    .map(b -> MultiGauge.Row.of(Tags.of("bucket", b.bucket()), b.usage().objects()))
                    .toList(), true);
            bytesByBucket.register(selected.stream()
                    .map(b -> MultiGauge.Row.of(Tags.of("bucket", b.bucket()), b.usage().bytes()))
                    .toList(), true);
        }
        refreshedAt = now;
        refreshed = true;
    }

    private List<BucketUsage> readAll() {
        List<BucketUsage> buckets = new ArrayList<>();
        for (Bucket bucket : engine.buckets()) {
            try {
                buckets.add(new BucketUsage(bucket.name(), engine.usage(bucket.name())));
            } catch (NoSuchBucketException e) {
                // deleted since it was listed: no longer reported
            }
        }
        return buckets;
    }
}
