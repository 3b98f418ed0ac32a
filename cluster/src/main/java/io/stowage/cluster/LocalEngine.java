package io.stowage.cluster;

import io.stowage.engine.BlobSource;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.LogPosition;
import io.stowage.engine.error.UnavailableException;
import io.stowage.engine.store.MetadataInstall;
import io.stowage.engine.store.RocksEngine;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * This node's engine, which a metadata copy from another node may replace while the node runs
 * ({@link #replaceMetadata}). Every use holds a read lock, so the engine is never closed under one.
 */
public final class LocalEngine implements AutoCloseable {

    /** Something done with the engine, which may throw {@code X}. */
    @FunctionalInterface
    public interface Use<T, X extends Exception> {
        T apply(RocksEngine engine) throws X;
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final EngineConfig config;
    private RocksEngine engine;
    private BlobSource blobSource;

    /** @param engine opened {@link EngineConfig#replicated replicated}; closed with this one */
    public LocalEngine(RocksEngine engine) {
        if (!engine.config().replicated()) {
            throw new IllegalArgumentException("a cluster node's engine must be opened replicated");
        }
        this.engine = engine;
        this.config = engine.config();
    }

    public <T, X extends Exception> T use(Use<T, X> use) throws X {
        lock.readLock().lock();
        try {
            if (engine == null) {
                throw new UnavailableException("this node's metadata could not be opened after installing a copy; see its log", null);
            }
            return use.apply(engine);
        } finally {
            lock.readLock().unlock();
        }
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public void setBlobSource(BlobSource source) {
        lock.writeLock().lock();
        try {
            blobSource = source;
            engine.setBlobSource(source);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Swaps in the metadata copy received into {@link MetadataInstall#prepare}'s directory: closes the
     * engine, swaps, opens it again (which reconciles the blobs with the new metadata). Uses wait meanwhile.
     *
     * @return the log position the installed metadata reflects
     */
    public LogPosition replaceMetadata() {
        lock.writeLock().lock();
        try {
            if (engine != null) {
                engine.close(); // null when an earlier attempt failed after closing it
            }
            engine = null;
            MetadataInstall.swap(config.dataDir());
            engine = RocksEngine.open(config);
            engine.setBlobSource(blobSource);
            return engine.appliedLogPosition();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
