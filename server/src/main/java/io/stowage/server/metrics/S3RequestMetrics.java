package io.stowage.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stowage.s3.http.CompletedRequest;
import io.stowage.s3.http.RequestListener;
import io.stowage.s3.http.RequestSummary;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts and times S3 requests as their responses are written. Runs on the event loop, so every
 * meter is looked up in the registry once and then kept here; a request costs a few map reads
 * and atomic adds. Label values are bounded: operations are the router's names, error codes the
 * server's own.
 */
public final class S3RequestMetrics implements RequestListener {

    /** The operation label of requests the router did not recognise. */
    static final String UNKNOWN_OPERATION = "Unknown";

    /** From a small inline GET to a large multipart part on a slow link; 15 buckets per operation. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2).plusNanos(500_000), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    /** Statuses 0..999 map to classes 0xx..9xx; HTTP only uses 1xx..5xx. */
    private static final int STATUS_CLASSES = 10;

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, OperationMeters> operations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter received;
    private final Counter sent;

    public S3RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("stowage.s3.received")
                .baseUnit("bytes")
                .description("Request body bytes received from S3 clients")
                .register(registry);
        this.sent = Counter.builder("stowage.s3.sent")
                .baseUnit("bytes")
                .description("Response body bytes sent to S3 clients")
                .register(registry);
    }

    @Override
    public void completed(CompletedRequest request) {
        // a response the S3 layer did not describe has no summary
        RequestSummary summary = request.summary();
        String operation = summary == null || summary.operation() == null ? UNKNOWN_OPERATION : summary.operation();
        OperationMeters meters = operations.computeIfAbsent(operation, OperationMeters::new);
        meters.requests(request).increment();
        meters.duration.record(request.durationNanos(), TimeUnit.NANOSECONDS);
        received.increment(request.bytesIn());
        sent.increment(request.bytesOut());
        if (summary != null && summary.errorCode() != null) {
            errors.computeIfAbsent(summary.errorCode(), this::errorCounter).increment();
        }
    }

    private Counter errorCounter(String code) {
        return Counter.builder("stowage.s3.errors")
                .tag("code", code)
                .description("S3 error responses by error code")
                .register(registry);
    }

    /** The meters of one operation: its timer, and its request counters created as status classes occur. */
    private final class OperationMeters {

        private final String operation;
        private final Timer duration;
        private final AtomicReferenceArray<Counter> requestsByStatusClass = new AtomicReferenceArray<>(STATUS_CLASSES);

        OperationMeters(String operation) {
            this.operation = operation;
            this.duration = Timer.builder("stowage.s3.request.duration")
                    .tag("operation", operation)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .description("Time from a request's head arriving to its response being written")
                    .register(registry);
        }

        Counter requests(CompletedRequest request) {
            int statusClass = Math.clamp(request.status() / 100, 0, STATUS_CLASSES - 1);
            Counter counter = requestsByStatusClass.get(statusClass);
            if (counter == null) {
                // the registry hands concurrent registrations the same counter
                counter = Counter.builder("stowage.s3.requests")
                        .tag("operation", operation)
                        .tag("status_class", statusClass + "xx")
                        .description("S3 requests by operation and response status class")
                        .register(registry);
                requestsByStatusClass.set(statusClass, counter);
            }
            return counter;
        }
    }
}
