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
import org.rocksdb.Snapshot;

/** Deletes the files of freed blobs (the gc column family) and then their gc entries. */
public final class FreedBlobCollector {

    private final MetaStore meta;
    private final BlobStore blobs;

    public FreedBlobCollector(MetaStore meta, BlobStore blobs) {
        this.meta = meta;
        this.blobs = blobs;
    }

    /**
     * @param asOf only the gc entries visible in this snapshot (null: all of them)
     * @return how many blobs were deleted
     */
    public int collect(Snapshot asOf) {
        List<byte[]> ids = new ArrayList<>();
        try (ReadOptions options = new ReadOptions().setSnapshot(asOf); RocksIterator it = meta.iterator(Cf.GC, options)) {
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
