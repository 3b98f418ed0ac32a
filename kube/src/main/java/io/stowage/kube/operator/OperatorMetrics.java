package io.stowage.kube.operator;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stowage.probes.JvmMetrics;

/**
 * The operator's metrics: one Prometheus registry fed by JOSDK (reconciliations, events, timings per
 * controller) and the JVM and process binders the server reports too.
 */
public final class OperatorMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmMetrics jvm = new JvmMetrics();
    // Per-resource meters would add series for every ObjectStore ever seen and never drop them.
    private final Metrics reconciliation = MicrometerMetrics.withoutPerResourceMetrics(registry);

    public OperatorMetrics() {
        jvm.bindTo(registry);
    }

    /** What the JOSDK runtime reports into. */
    public Metrics reconciliation() {
        return reconciliation;
    }

    /** Where the operator's own meters (for example the provisioners') register. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Everything in the Prometheus text format, version 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        jvm.close();
        registry.close();
    }
}
