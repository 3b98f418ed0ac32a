package io.stowage.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stowage.engine.Engine;
import io.stowage.probes.JvmMetrics;
import io.stowage.s3.http.RequestListener;
import io.stowage.server.lifecycle.LifecycleEvents;
import java.util.function.IntSupplier;

/** The server's metrics: one Prometheus registry and every binder that feeds it. */
public final class StowageMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final S3RequestMetrics requests = new S3RequestMetrics(registry);
    private final LifecycleMetrics lifecycle = new LifecycleMetrics(registry);
    private final BucketUsageMetrics buckets;
    private final EngineMetrics engineFigures;
    private final JvmMetrics jvm = new JvmMetrics();

    public StowageMetrics(Engine engine, MetricsConfig config) {
        buckets = new BucketUsageMetrics(engine, config.bucketLimit(), config.bucketRefresh());
        buckets.bindTo(registry);
        engineFigures = new EngineMetrics(engine);
        engineFigures.bindTo(registry);
        jvm.bindTo(registry);
    }

    /** What the S3 listener tells about each request it answered. */
    public RequestListener requests() {
        return requests;
    }

    /** What the lifecycle worker tells about its work. */
    public LifecycleEvents lifecycle() {
        return lifecycle;
    }

    /** Reports the S3 listener's open connections; called once the listener exists. */
    public void bindOpenConnections(IntSupplier openConnections) {
        Gauge.builder("stowage.s3.open.connections", openConnections, IntSupplier::getAsInt)
                .description("Connections open to the S3 API")
                .strongReference(true)
                .register(registry);
    }

    /** Everything in the Prometheus text format, version 0.0.4. */
    public String scrape() {
        buckets.refresh();
        engineFigures.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        jvm.close();
        registry.close();
    }
}
