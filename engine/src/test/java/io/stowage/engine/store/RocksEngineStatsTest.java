package io.stowage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.EngineStats;
import io.stowage.engine.error.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineStatsTest {

    @TempDir
    Path dir;

    @Test
    void reportsTheMetadataStoreTheBlobFilesAndTheDisk() throws IOException {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            EngineFixture.createBucket(engine, "b");
            EngineFixture.put(engine, "b", "inline", "small");
            EngineFixture.put(engine, "b", "blob-1", EngineFixture.big("x"));
            EngineFixture.put(engine, "b", "blob-2", EngineFixture.big("y"));

            EngineStats stats = engine.stats();

            EngineStats.Metadata metadata = stats.metadata();
            assertThat(metadata.estimatedKeys()).isPositive();
            assertThat(metadata.memtableBytes()).isPositive();
            assertThat(metadata.blockCacheCapacityBytes()).isEqualTo(64L * 1024 * 1024);
            assertThat(metadata.blockCacheUsageBytes()).isBetween(0L, metadata.blockCacheCapacityBytes());
            assertThat(metadata.liveSstBytes()).isNotNegative();
            assertThat(metadata.pendingCompactionBytes()).isNotNegative();
            assertThat(metadata.runningCompactions()).isNotNegative();
            assertThat(stats.estimatedBlobFiles()).isEqualTo(2);
            assertThat(stats.disk().totalBytes()).isEqualTo(Files.getFileStore(dir).getTotalSpace());
            assertThat(stats.disk().usableBytes()).isPositive().isLessThanOrEqualTo(stats.disk().totalBytes());
        }
    }

    @Test
    void refusesOnceClosed() {
        RocksEngine engine = EngineFixture.open(dir);
        engine.close();

        assertThatThrownBy(engine::stats).isInstanceOf(StorageException.class).hasMessageContaining("closed");
    }
}
