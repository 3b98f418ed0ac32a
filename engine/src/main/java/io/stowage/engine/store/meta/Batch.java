package io.stowage.engine.store.meta;

import io.stowage.engine.error.StorageException;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** An atomic group of metadata writes. */
public final class Batch implements AutoCloseable {

    private final MetaStore meta;
    private final WriteBatch batch = new WriteBatch();

    Batch(MetaStore meta) {
        this.meta = meta;
    }

    public Batch put(Cf cf, byte[] key, byte[] value) {
        try {
            batch.put(meta.handle(cf), key, value);
        } catch (RocksDBException e) {
            throw new StorageException("cannot build metadata batch", e);
        }
        return this;
    }

    public Batch delete(Cf cf, byte[] key) {
        try {
            batch.delete(meta.handle(cf), key);
        } catch (RocksDBException e) {
            throw new StorageException("cannot build metadata batch", e);
        }
        return this;
    }

    /** Adds {@code delta} (two's complement, so it may be negative) to a counter of the {@link Cf#USAGE} family. */
    public Batch add(Cf cf, byte[] key, long delta) {
        try {
            batch.merge(meta.handle(cf), key, Counters.encode(delta));
        } catch (RocksDBException e) {
            throw new StorageException("cannot build metadata batch", e);
        }
        return this;
    }

    /** @param sync fsync the WAL before returning; RocksDB group-commits concurrent synced writers */
    public void commit(boolean sync) {
        meta.write(batch, sync);
    }

    @Override
    public void close() {
        batch.close();
    }
}
