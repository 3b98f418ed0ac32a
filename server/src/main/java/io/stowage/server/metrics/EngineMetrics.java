package io.stowage.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.stowage.engine.Engine;
import io.stowage.engine.EngineStats;
import io.stowage.engine.error.StorageException;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of the metadata store, the blob files and the data directory's disk, from
 * {@link Engine#stats()}. The gauges share one reading, taken by {@link #refresh} before each scrape.
 */
final class EngineMetrics implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(EngineMetrics.class);

    private final Engine engine;
    /** Null when the last reading failed: the gauges then report NaN rather than stale figures. */
    private volatile EngineStats stats;

    EngineMetrics(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "stowage.rocksdb.estimated.keys", null, "Keys in the metadata store, estimated by RocksDB",
                s -> s.metadata().estimatedKeys());
        gauge(registry, "stowage.rocksdb.live.sst", "bytes", "Size of the SST files the metadata store uses",
                s -> s.metadata().liveSstBytes());
        gauge(registry, "stowage.rocksdb.memtable", "bytes", "Size of the metadata store's memtables",
                s -> s.metadata().memtableBytes());
        gauge(registry, "stowage.rocksdb.block.cache.usage", "bytes", "Bytes held in the metadata store's block cache",
                s -> s.metadata().blockCacheUsageBytes());
        gauge(registry, "stowage.rocksdb.block.cache.capacity", "bytes", "Capacity of the metadata store's block cache",
                s -> s.metadata().blockCacheCapacityBytes());
        gauge(registry, "stowage.rocksdb.pending.compaction", "bytes",
                "Bytes the metadata store's compactions still have to rewrite, estimated by RocksDB",
                s -> s.metadata().pendingCompactionBytes());
        gauge(registry, "stowage.rocksdb.running.compactions", null, "Compactions of the metadata store running now",
                s -> s.metadata().runningCompactions());
        gauge(registry, "stowage.blob.files", null,
                "Committed blob files, estimated from the metadata store's count of their ownership records",
                EngineStats::estimatedBlobFiles);
        gauge(registry, "stowage.disk.total", "bytes", "Size of the file system holding the data directory",
                s -> s.disk().totalBytes());
        gauge(registry, "stowage.disk.free", "bytes", "Bytes the server may still write to the data directory's file system",
                s -> s.disk().usableBytes());
    }

    private void gauge(MeterRegistry registry, String name, String baseUnit, String description,
            ToDoubleFunction<EngineStats> figure) {
        Gauge.builder(name, this, m -> m.stats == null ? Double.NaN : figure.applyAsDouble(m.stats))
                .baseUnit(baseUnit)
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    /** Reads the engine's figures for the next scrape. */
    void refresh() {
        try {
            stats = engine.stats();
        } catch (StorageException e) {
            LOG.warn("Engine figures unavailable for this scrape", e);
            stats = null;
        }
    }
}
