package io.stowage.server.lifecycle;

import io.stowage.engine.Engine;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.lifecycle.LifecycleEvaluator;
import io.stowage.s3.lifecycle.LifecycleXmlReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the buckets' lifecycle rules in the background. Every interval a cycle walks the buckets that have a
 * lifecycle configuration, in name order, examining at most a batch of versions and uploads; where it stops it leaves
 * a cursor in the bucket (see {@link CursorStore}), and the next cycle, in this process or after a restart, goes on
 * from there. A pass over every bucket ends by removing the cursor, and the next cycle starts a new pass.
 */
public final class LifecycleWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleWorker.class);
    /** How long closing waits for the cycle in progress to reach its next version. */
    private static final long CLOSE_WAIT_SECONDS = 30;

    private record Configured(Bucket bucket, String document) {
    }

    private final Engine engine;
    private final LifecycleSettings settings;
    private final LifecycleEvents events;
    private final CursorStore cursors;
    private final BucketPass pass;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lifecycle-worker").daemon(true).factory());
    private volatile boolean closing;

    public LifecycleWorker(Engine engine, LifecycleSettings settings, LifecycleEvents events, Clock clock) {
        this.engine = engine;
        this.settings = settings;
        this.events = events;
        this.cursors = new CursorStore(engine);
        this.pass = new BucketPass(engine, new LifecycleActions(engine, events, clock), events, clock);
    }

    /** Runs a cycle now and then one every interval after the previous one ended. */
    public void start() {
        timer.scheduleWithFixedDelay(this::cycleLogged, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One cycle: at most a batch of versions and uploads, from where the last cycle stopped. */
    public void runCycle() {
        List<Configured> buckets = configuredBuckets();
        int first = 0;
        LifecycleCursor from = LifecycleCursor.START;
        // normally one bucket holds a cursor; two when a restart came between writing the next one and clearing the last
        for (int i = buckets.size() - 1; i >= 0; i--) {
            Optional<LifecycleCursor> stored = cursors.load(buckets.get(i).bucket().name());
            if (stored.isPresent()) {
                first = i;
                from = stored.get();
                break;
            }
        }
        CycleBudget budget = new CycleBudget(settings.batch(), () -> closing);
        String done = null;
        for (int i = first; i < buckets.size(); i++) {
            String name = buckets.get(i).bucket().name();
            if (done != null) {
                // the next bucket's cursor is written before the last one's goes, so a cursor always remains
                cursors.save(name, LifecycleCursor.START);
                cursors.clear(done);
                done = null;
                if (budget.spent()) {
                    break;
                }
            }
            if (!runBucket(buckets.get(i), i == first ? from : LifecycleCursor.START, budget)) {
                break;
            }
            done = name;
        }
        if (done != null) {
            cursors.clear(done);
        }
        events.cycleRan();
    }

    /**
     * Walks one bucket from {@code from}; an error is logged and the bucket counted as done, so one bucket cannot
     * hold the others up.
     *
     * @return whether the bucket is done, false when the budget ran out in it (its cursor then says where to go on)
     */
    private boolean runBucket(Configured configured, LifecycleCursor from, CycleBudget budget) {
        String name = configured.bucket().name();
        try {
            LifecycleEvaluator rules = new LifecycleEvaluator(LifecycleXmlReader.read(configured.document()),
                    settings.timing());
            LifecycleCursor stopped = pass.run(configured.bucket(), rules, from, budget, cursor -> cursors.save(name, cursor));
            if (stopped == null) {
                return true;
            }
            cursors.save(name, stopped);
            return false;
        } catch (NoSuchBucketException e) {
            LOG.debug("Bucket {} was deleted during its lifecycle pass", name);
        } catch (RuntimeException e) {
            events.bucketFailed();
            LOG.warn("Lifecycle pass of bucket {} failed; going on with the next bucket: {}", name, e.toString());
        }
        return true;
    }

    private List<Configured> configuredBuckets() {
        List<Configured> configured = new ArrayList<>();
        for (Bucket bucket : engine.buckets()) {
            engine.bucketConfig(bucket.name(), BucketConfigKind.LIFECYCLE)
                    .ifPresent(document -> configured.add(new Configured(bucket, document)));
        }
        return configured;
    }

    private void cycleLogged() {
        if (!engine.leads()) {
            return;
        }
        try {
            runCycle();
        } catch (RuntimeException e) {
            LOG.error("Lifecycle cycle failed; retrying at the next interval", e);
        }
    }

    /** Stops the cycle in progress at its next version (leaving its cursor) and waits for it. */
    @Override
    public void close() {
        closing = true;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The lifecycle cycle did not stop within {} s", CLOSE_WAIT_SECONDS);
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
