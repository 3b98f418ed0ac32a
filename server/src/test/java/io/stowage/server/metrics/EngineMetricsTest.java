package io.stowage.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stowage.engine.Engine;
import io.stowage.engine.EngineStats;
import io.stowage.engine.error.StorageException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class EngineMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** What the engine reports; null: it fails. */
    private EngineStats current = stats(10, 1_000);
    private int readings;
    private final EngineMetrics metrics = new EngineMetrics(engine());

    @Test
    void everyGaugeReportsTheReadingTakenBeforeTheScrape() {
        metrics.bindTo(registry);
        metrics.refresh();

        assertThat(gauge("stowage.rocksdb.estimated.keys")).isEqualTo(10);
        assertThat(gauge("stowage.rocksdb.live.sst")).isEqualTo(1);
        assertThat(gauge("stowage.rocksdb.memtable")).isEqualTo(2);
        assertThat(gauge("stowage.rocksdb.block.cache.usage")).isEqualTo(3);
        assertThat(gauge("stowage.rocksdb.block.cache.capacity")).isEqualTo(4);
        assertThat(gauge("stowage.rocksdb.pending.compaction")).isEqualTo(5);
        assertThat(gauge("stowage.rocksdb.running.compactions")).isEqualTo(6);
        assertThat(gauge("stowage.blob.files")).isEqualTo(7);
        assertThat(gauge("stowage.disk.total")).isEqualTo(1_000);
        assertThat(gauge("stowage.disk.free")).isEqualTo(100);
        assertThat(readings).as("one engine reading for all the gauges").isEqualTo(1);

        current = stats(20, 2_000);
        metrics.refresh();
        assertThat(gauge("stowage.rocksdb.estimated.keys")).isEqualTo(20);
    }

    @Test
    void reportsNothingRatherThanStaleFiguresWhenTheEngineCannotBeRead() {
        metrics.bindTo(registry);
        metrics.refresh();
        current = null;
        metrics.refresh();

        assertThat(gauge("stowage.rocksdb.estimated.keys")).isNaN();
        assertThat(gauge("stowage.disk.free")).isNaN();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static EngineStats stats(long keys, long diskBytes) {
        return new EngineStats(new EngineStats.Metadata(keys, 1, 2, 3, 4, 5, 6), 7,
                new EngineStats.Disk(diskBytes, diskBytes / 10));
    }

    private Engine engine() {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("stats")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    readings++;
                    if (current == null) {
                        throw new StorageException("the engine is closed", null);
                    }
                    return current;
                });
    }
}
