package io.stowage.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stowage.server.lifecycle.LifecycleEvents;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Counters of what the lifecycle worker did since the server started. */
final class LifecycleMetrics implements LifecycleEvents {

    private final Map<Expired, Counter> expired = new EnumMap<>(Expired.class);
    private final Counter examined;
    private final Counter uploadsAborted;
    private final Counter skippedLocked;
    private final Counter bucketsFailed;
    private final Counter cycles;

    LifecycleMetrics(MeterRegistry registry) {
        for (Expired kind : Expired.values()) {
            expired.put(kind, Counter.builder("stowage.lifecycle.expired")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .description("Versions lifecycle rules expired: current ones (deleted or hidden by a delete marker),"
                            + " non-current ones and expired delete markers (removed)")
                    .register(registry));
        }
        examined = Counter.builder("stowage.lifecycle.examined")
                .description("Versions and multipart uploads the lifecycle worker looked at")
                .register(registry);
        uploadsAborted = Counter.builder("stowage.lifecycle.uploads.aborted")
                .description("Incomplete multipart uploads lifecycle rules aborted")
                .register(registry);
        skippedLocked = Counter.builder("stowage.lifecycle.skipped.locked")
                .description("Due versions left alone because their retention or legal hold protects them")
                .register(registry);
        bucketsFailed = Counter.builder("stowage.lifecycle.bucket.failures")
                .description("Bucket passes that failed (the worker logs why and goes on with the next bucket)")
                .register(registry);
        cycles = Counter.builder("stowage.lifecycle.cycles")
                .description("Lifecycle cycles run")
                .register(registry);
    }

    @Override
    public void examined() {
        examined.increment();
    }

    @Override
    public void expired(Expired kind) {
        expired.get(kind).increment();
    }

    @Override
    public void uploadAborted() {
        uploadsAborted.increment();
    }

    @Override
    public void skippedLocked() {
        skippedLocked.increment();
    }

    @Override
    public void bucketFailed() {
        bucketsFailed.increment();
    }

    @Override
    public void cycleRan() {
        cycles.increment();
    }
}
