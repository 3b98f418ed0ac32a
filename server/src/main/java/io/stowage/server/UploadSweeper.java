package io.stowage.server;

import io.stowage.engine.Engine;
import io.stowage.engine.command.AbortMultipartUpload;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.model.UploadRef;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts multipart uploads left unfinished for longer than the configured age, so abandoned
 * parts do not hold disk space forever.
 */
public final class UploadSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSweeper.class);
    private static final int BATCH = 1000;

    private final Engine engine;
    private final Duration maxAge;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("upload-sweeper").daemon(true).factory());

    public UploadSweeper(Engine engine, Duration maxAge, Clock clock) {
        this.engine = engine;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Sweeps now and then every {@code interval}. */
    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::sweepLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Aborts every upload initiated before now minus the maximum age; returns how many. */
    public int sweep() {
        long cutoff = clock.millis() - maxAge.toMillis();
        int aborted = 0;
        List<UploadRef> expired;
        do {
            expired = engine.uploadsInitiatedBefore(cutoff, BATCH);
            for (UploadRef upload : expired) {
                try {
                    engine.apply(new AbortMultipartUpload(upload.bucket(), upload.key(), upload.uploadId()));
                    aborted++;
                } catch (EngineException e) {
                    // completed, aborted or its bucket deleted meanwhile: nothing left to free
                    LOG.debug("Upload {} ended before the sweeper reached it: {}", upload.uploadId(), e.getMessage());
                }
            }
        } while (expired.size() == BATCH);
        return aborted;
    }

    private void sweepLogged() {
        if (!engine.leads()) {
            return;
        }
        try {
            int aborted = sweep();
            if (aborted > 0) {
                LOG.info("Aborted {} multipart uploads older than {}", aborted, maxAge);
            }
        } catch (RuntimeException e) {
            LOG.error("Multipart upload sweep failed; retrying at the next interval", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
