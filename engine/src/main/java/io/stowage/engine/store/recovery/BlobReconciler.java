package io.stowage.engine.store.recovery;

import io.stowage.engine.store.blob.BlobStore;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a replicated node's metadata was replaced by another node's copy: the blobs the new metadata
 * references and this node lacks become missing (fetched from peers), the copy's own missing list (the
 * other node's) is dropped, and blob files in place that nothing references any more are freed.
 */
public final class BlobReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(BlobReconciler.class);
    private static final byte[] EMPTY = new byte[0];
    private static final int BATCH_ENTRIES = 10_000;

    private final MetaStore meta;
    private final BlobStore blobs;

    public BlobReconciler(MetaStore meta, BlobStore blobs) {
        this.meta = meta;
        this.blobs = blobs;
    }

    public void run() {
        Writer writer = new Writer();
        try (ReadOptions options = new ReadOptions(); RocksIterator it = meta.iterator(Cf.MISSING, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                writer.delete(Cf.MISSING, it.key());
            }
        }
        int missing = 0;
        try (ReadOptions options = new ReadOptions(); RocksIterator it = meta.iterator(Cf.BLOBS, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (!blobs.holds(KeyCodec.blobId(it.key()))) {
                    writer.put(Cf.MISSING, it.key());
                    missing++;
                }
            }
        }
        int[] unreferenced = {0};
        blobs.forEachPlacedBlob(id -> {
            byte[] key = KeyCodec.blob(id);
            if (meta.get(Cf.BLOBS, key) == null && meta.get(Cf.GC, key) == null) {
                writer.put(Cf.GC, key);
                unreferenced[0]++;
            }
        });
        writer.flush();
        int freed = new FreedBlobCollector(meta, blobs).collect(null);
        LOG.info("Blobs reconciled with the installed metadata: {} missing here, {} unreferenced, {} freed blob files deleted",
                missing, unreferenced[0], freed);
    }

    /** Synced batches of a bounded size. */
    private final class Writer {
        private Batch batch = meta.batch();
        private int entries;

        void put(Cf cf, byte[] key) {
            batch.put(cf, key, EMPTY);
            count();
        }

        void delete(Cf cf, byte[] key) {
            batch.delete(cf, key);
            count();
        }

        private void count() {
            if (++entries == BATCH_ENTRIES) {
                flush();
                batch = meta.batch();
            }
        }

        void flush() {
            try (Batch done = batch) {
                done.commit(true);
            }
            entries = 0;
        }
    }
}
