package io.stowage.engine.store.recovery;

import io.stowage.engine.store.blob.BlobStore;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings blob files in line with committed metadata after a crash, before any command runs:
 * a tmp/ file referenced by the blobs CF was committed but not yet moved, so it is moved; any
 * other tmp/ file belongs to an upload that never committed, so it is deleted; every gc entry
 * names a freed blob whose deletion may not have happened.
 */
public final class RecoverySweep {

    private static final Logger LOG = LoggerFactory.getLogger(RecoverySweep.class);

    private final MetaStore meta;
    private final BlobStore blobs;

    public RecoverySweep(MetaStore meta, BlobStore blobs) {
        this.meta = meta;
        this.blobs = blobs;
    }

    public void run() {
        int promoted = 0;
        int orphans = 0;
        for (String name : blobs.tmpFiles()) {
            if (BlobStore.isBlobId(name) && meta.get(Cf.BLOBS, KeyCodec.blob(name)) != null) {
                blobs.promote(name);
                promoted++;
            } else {
                blobs.deleteTmpFile(name);
                orphans++;
            }
        }
        int collected = collectGarbage();
        LOG.info("Recovery sweep: {} committed blobs moved from tmp/, {} orphan temp files deleted, {} freed blobs deleted",
                promoted, orphans, collected);
    }

    private int collectGarbage() {
        List<byte[]> ids = new ArrayList<>();
        try (ReadOptions options = new ReadOptions(); RocksIterator it = meta.iterator(Cf.GC, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ids.add(it.key());
            }
        }
        try (Batch batch = meta.batch()) {
            for (byte[] id : ids) {
                blobs.delete(KeyCodec.blobId(id));
                batch.delete(Cf.GC, id);
            }
            batch.commit(false);
        }
        return ids.size();
    }
}
