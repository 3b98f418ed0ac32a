package io.stowage.cluster;

import io.stowage.cluster.blob.BlobPeers;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background upkeep of a node's blobs: fetches committed blobs that never reached it from its
 * peers, and deletes freed blobs and copies of writes that never committed.
 */
final class ClusterMaintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMaintenance.class);
    private static final long REPAIR_SECONDS = 2;
    private static final long COLLECT_SECONDS = 30;
    /** A copy unreferenced this long belongs to a write that failed: no request takes an hour to commit. */
    private static final long STALE_COPY_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final int REPAIR_BATCH = 100;

    private final LocalEngine engine;
    private final BlobPeers peers;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cluster-maintenance").daemon(true).factory());

    ClusterMaintenance(LocalEngine engine, BlobPeers peers) {
        this.engine = engine;
        this.peers = peers;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::repair, REPAIR_SECONDS, REPAIR_SECONDS, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::collect, COLLECT_SECONDS, COLLECT_SECONDS, TimeUnit.SECONDS);
    }

    private void repair() {
        try {
            fetchMissing();
        } catch (RuntimeException e) {
            LOG.warn("Fetching missing blobs failed; it runs again in {} s", REPAIR_SECONDS, e);
        }
    }

    private void fetchMissing() {
        List<String> missing = engine.use(local -> local.missingBlobs(REPAIR_BATCH));
        int fetched = 0;
        for (String blobId : missing) {
            try (InputStream copy = peers.open(blobId)) {
                engine.use(local -> local.storeCopy(blobId, copy));
                fetched++;
            } catch (IOException | RuntimeException e) {
                LOG.debug("Blob {} is still missing here", blobId, e);
            }
        }
        if (fetched > 0) {
            LOG.info("Fetched {} of {} missing blobs from other nodes", fetched, missing.size());
        }
    }

    private void collect() {
        try {
            engine.use(local -> local.collectGarbage(System.currentTimeMillis() - STALE_COPY_MILLIS));
        } catch (RuntimeException e) {
            LOG.warn("Blob garbage collection failed; it runs again in {} s", COLLECT_SECONDS, e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
