package io.stowage.engine;

/**
 * Figures for monitoring, each read cheaply from counters the store already keeps: nothing walks
 * the blob directory or scans metadata.
 *
 * @param metadata the metadata store (RocksDB)
 * @param estimatedBlobFiles blob files committed, estimated from the number of blob ownership records
 * @param disk the file system holding the data directory
 */
public record EngineStats(Metadata metadata, long estimatedBlobFiles, Disk disk) {

    /**
     * RocksDB figures, summed over all column families where they are per family.
     *
     * @param estimatedKeys keys, estimated (rocksdb.estimate-num-keys)
     * @param liveSstBytes SST files the current version uses (rocksdb.live-sst-files-size)
     * @param memtableBytes memtables, active and immutable (rocksdb.cur-size-all-mem-tables)
     * @param blockCacheUsageBytes the shared block cache's usage (rocksdb.block-cache-usage)
     * @param blockCacheCapacityBytes the shared block cache's capacity (rocksdb.block-cache-capacity)
     * @param pendingCompactionBytes bytes compaction still has to rewrite, estimated (rocksdb.estimate-pending-compaction-bytes)
     * @param runningCompactions compactions running now (rocksdb.num-running-compactions)
     */
    public record Metadata(long estimatedKeys, long liveSstBytes, long memtableBytes, long blockCacheUsageBytes,
            long blockCacheCapacityBytes, long pendingCompactionBytes, long runningCompactions) {
    }

    /**
     * @param totalBytes the file system's size
     * @param usableBytes what this process may still write
     */
    public record Disk(long totalBytes, long usableBytes) {
    }
}
