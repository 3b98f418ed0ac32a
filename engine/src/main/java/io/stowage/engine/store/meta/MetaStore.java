package io.stowage.engine.store.meta;

import io.stowage.engine.EngineStats;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.store.codec.KeyCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** The RocksDB instance holding all metadata, with one column family per record kind. */
public final class MetaStore implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private static final long BLOCK_CACHE_BYTES = 64L * 1024 * 1024;
    /**
     * Memtables of all column families together. Without this cap each of the dozen families may
     * hold two 64 MiB memtables, which let a server's RSS pass 700 MiB under a delete-heavy load.
     */
    private static final long MEMTABLE_BYTES = 64L * 1024 * 1024;
    private static final byte[] APPLIED = "applied".getBytes(StandardCharsets.US_ASCII);

    private final List<AutoCloseable> resources;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final WriteOptions syncWrite;
    private final WriteOptions asyncWrite;
    private final SyncedWriters syncedWriters = new SyncedWriters();
    private final ThreadLocal<byte[]> logPosition = new ThreadLocal<>();

    private MetaStore(List<AutoCloseable> resources, RocksDB db, List<ColumnFamilyHandle> handles) {
        this.resources = resources;
        this.db = db;
        this.handles = handles;
        this.syncWrite = new WriteOptions().setSync(true);
        this.asyncWrite = new WriteOptions();
    }

    public static MetaStore open(Path dir) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            LRUCache cache = track(resources, new LRUCache(BLOCK_CACHE_BYTES));
            BloomFilter bloom = track(resources, new BloomFilter(10));
            ColumnFamilyOptions plain = track(resources, new ColumnFamilyOptions()
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache)));
            ColumnFamilyOptions bloomed = track(resources, new ColumnFamilyOptions()
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom)));
            UInt64AddOperator add = track(resources, new UInt64AddOperator());
            ColumnFamilyOptions counters = track(resources, new ColumnFamilyOptions()
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache)).setMergeOperator(add));
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, plain));
            for (Cf cf : Cf.values()) {
                descriptors.add(new ColumnFamilyDescriptor(
                        cf.name().toLowerCase().getBytes(StandardCharsets.US_ASCII),
                        cf == Cf.USAGE ? counters : cf.bloom ? bloomed : plain));
            }
            DBOptions options = track(resources, new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setAvoidFlushDuringShutdown(false)
                    .setDbWriteBufferSize(MEMTABLE_BYTES));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
            return new MetaStore(resources, db, handles);
        } catch (RocksDBException e) {
            closeAll(resources);
            throw new StorageException("cannot open metadata store at " + dir, e);
        }
    }

    ColumnFamilyHandle handle(Cf cf) {
        return handles.get(cf.ordinal() + 1);
    }

    public byte[] get(Cf cf, byte[] key) {
        try {
            return db.get(handle(cf), key);
        } catch (RocksDBException e) {
            throw new StorageException("metadata read failed", e);
        }
    }

    /** A counter of a column family with the add merge operator ({@link Cf#USAGE}); 0 when absent. */
    public long counter(Cf cf, byte[] key) {
        return Counters.decode(get(cf, key));
    }

    public Batch batch() {
        return new Batch(this);
    }

    /**
     * Runs one command taken from a replicated log: its commit records {@code position} in the same
     * batch and is not synced, because the log is the durable copy and replays what a crash loses.
     */
    public <T> T applyingLogEntry(byte[] position, Supplier<T> command) {
        logPosition.set(position);
        try {
            return command.get();
        } finally {
            logPosition.remove();
        }
    }

    /** The log position recorded last: of the last applied command that wrote anything, or of a snapshot; or null. */
    public byte[] appliedLogPosition() {
        return get(Cf.LOG, APPLIED);
    }

    /** Records a log position without other writes (unsynced, like the applied commands). */
    public void recordLogPosition(byte[] position) {
        try (Batch batch = batch()) {
            batch.put(Cf.LOG, APPLIED, position).commit(false);
        }
    }

    /**
     * Writes a consistent copy of the whole store to {@code target} (a directory that must not exist):
     * hard links to the immutable table files where it can, after flushing the memtables.
     */
    public void checkpoint(Path target) {
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new StorageException("cannot write a checkpoint of the metadata store to " + target, e);
        }
    }

    /** Makes every write so far durable (the WAL fsynced). */
    public void syncWal() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw new StorageException("cannot sync the metadata log", e);
        }
    }

    public Snapshot snapshot() {
        return db.getSnapshot();
    }

    public void release(Snapshot snapshot) {
        db.releaseSnapshot(snapshot);
    }

    void write(WriteBatch batch, boolean sync) {
        byte[] position = logPosition.get();
        if (position != null) {
            try {
                batch.put(handle(Cf.LOG), APPLIED, position);
            } catch (RocksDBException e) {
                throw new StorageException("cannot build metadata batch", e);
            }
            write(asyncWrite, batch);
        } else if (sync) {
            syncedWriters.run(() -> write(syncWrite, batch));
        } else {
            write(asyncWrite, batch);
        }
    }

    private void write(WriteOptions options, WriteBatch batch) {
        try {
            db.write(options, batch);
        } catch (RocksDBException e) {
            throw new StorageException("metadata write failed", e);
        }
    }

    public RocksIterator iterator(Cf cf, ReadOptions options) {
        return db.newIterator(handle(cf), options);
    }

    /** Whether any key of the column family starts with {@code prefix}. */
    public boolean anyWithPrefix(Cf cf, byte[] prefix) {
        try (ReadOptions options = new ReadOptions(); RocksIterator it = iterator(cf, options)) {
            it.seek(prefix);
            return it.isValid() && KeyCodec.startsWith(it.key(), prefix);
        }
    }

    /** RocksDB's own figures, from its properties: no I/O. */
    public EngineStats.Metadata stats() {
        return new EngineStats.Metadata(
                summed("rocksdb.estimate-num-keys"),
                summed("rocksdb.live-sst-files-size"),
                summed("rocksdb.cur-size-all-mem-tables"),
                // every family shares one block cache: counted once, not once per family
                ofDatabase("rocksdb.block-cache-usage"),
                ofDatabase("rocksdb.block-cache-capacity"),
                summed("rocksdb.estimate-pending-compaction-bytes"),
                ofDatabase("rocksdb.num-running-compactions"));
    }

    /** The number of keys in one column family, estimated. */
    public long estimatedKeys(Cf cf) {
        try {
            return db.getLongProperty(handle(cf), "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new StorageException("cannot read the key estimate of " + cf, e);
        }
    }

    private long summed(String property) {
        try {
            return db.getAggregatedLongProperty(property);
        } catch (RocksDBException e) {
            throw new StorageException("cannot read " + property, e);
        }
    }

    private long ofDatabase(String property) {
        try {
            return db.getLongProperty(property);
        } catch (RocksDBException e) {
            throw new StorageException("cannot read " + property, e);
        }
    }

    @Override
    public void close() {
        syncedWriters.close();
        for (ColumnFamilyHandle handle : handles) {
            handle.close();
        }
        try {
            db.closeE();
        } catch (RocksDBException e) {
            throw new StorageException("cannot close metadata store", e);
        } finally {
            syncWrite.close();
            asyncWrite.close();
            closeAll(resources);
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // native handles; nothing left to do on failure
            }
        }
    }
}
