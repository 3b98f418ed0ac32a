package io.stowage.engine.store.recovery;

import io.stowage.engine.store.blob.BlobStore;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings blob files in line with committed metadata after a crash, before any command runs:
 * a tmp/ file referenced by the blobs CF was committed but not yet moved, so it is moved; any
 * other tmp/ file belongs to an upload that never committed, so it is deleted; every gc entry
 * names a freed blob whose deletion may not have happened. A replicated engine keeps
 * unreferenced blobs in tmp/: commands still in the log may reference them (stale ones go with
 * {@code RocksEngine.collectGarbage}).
 */
public final class RecoverySweep {

    private static final Logger LOG = LoggerFactory.getLogger(RecoverySweep.class);

    private final MetaStore meta;
    private final BlobStore blobs;
    private final boolean replicated;

    public RecoverySweep(MetaStore meta, BlobStore blobs, boolean replicated) {
        this.meta = meta;
        this.blobs = blobs;
        this.replicated = replicated;
    }

    public void run() {
        int promoted = 0;
        int orphans = 0;
        for (String name : blobs.tmpFiles()) {
            if (BlobStore.isBlobId(name) && meta.get(Cf.BLOBS, KeyCodec.blob(name)) != null) {
                blobs.promote(name);
                if (replicated) {
                    try (Batch batch = meta.batch()) {
                        batch.delete(Cf.MISSING, KeyCodec.blob(name)).commit(false);
                    }
                }
                promoted++;
            } else if (replicated && BlobStore.isBlobId(name)) {
                continue;
            } else {
                blobs.deleteTmpFile(name);
                orphans++;
            }
        }
        int collected = new FreedBlobCollector(meta, blobs).collect(null);
        LOG.info("Recovery sweep: {} committed blobs moved from tmp/, {} orphan temp files deleted, {} freed blobs deleted",
                promoted, orphans, collected);
    }
}
