package io.stowage.server.metrics;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Settings of the metrics port.
 *
 * @param address where {@code /metrics} and {@code /health/*} are served, without authentication
 * @param bucketLimit how many buckets, the largest by bytes, get their own usage series; 0 turns them off
 * @param bucketRefresh how stale the per-bucket figures may get: they are reread at most this often
 */
public record MetricsConfig(InetSocketAddress address, int bucketLimit, Duration bucketRefresh) {

    public static final int DEFAULT_BUCKET_LIMIT = 100;
    /** Beyond this the series would cost a Prometheus server more than a per-bucket view is worth. */
    public static final int MAX_BUCKET_LIMIT = 10_000;
    public static final Duration DEFAULT_BUCKET_REFRESH = Duration.ofSeconds(30);

    public MetricsConfig {
        if (address == null) {
            throw new IllegalArgumentException("the metrics address (--metrics-address) must be set");
        }
        if (bucketLimit < 0 || bucketLimit > MAX_BUCKET_LIMIT) {
            throw new IllegalArgumentException("--metrics-bucket-limit (STOWAGE_METRICS_BUCKET_LIMIT) must be 0 to "
                    + MAX_BUCKET_LIMIT + ", was " + bucketLimit);
        }
        if (bucketRefresh == null || bucketRefresh.isNegative()) {
            throw new IllegalArgumentException("the per-bucket metrics refresh interval must be zero or positive");
        }
    }

    public MetricsConfig(InetSocketAddress address, int bucketLimit) {
        this(address, bucketLimit, DEFAULT_BUCKET_REFRESH);
    }
}
