package io.stowage.bench.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

class TimedRunTest {

    @Test
    void countsEveryOperationOfEveryThread() throws Exception {
        AtomicLongArray perWorker = new AtomicLongArray(4);
        AtomicBoolean gap = new AtomicBoolean();
        long t0 = System.nanoTime();
        double rate = TimedRun.opsPerSecond(4, 0.3, (worker, seq) -> {
            // each worker's sequence numbers run 0, 1, 2, ... without gaps
            if (perWorker.getAndIncrement(worker) != seq) {
                gap.set(true);
            }
            sleepMillis(2);
        });
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long total = 0;
        for (int w = 0; w < 4; w++) {
            assertThat(perWorker.get(w)).isPositive();
            total += perWorker.get(w);
        }
        assertThat(gap).isFalse();
        assertThat(elapsed).isGreaterThanOrEqualTo(0.3);
        assertThat(rate).isBetween(total / elapsed, total / 0.3);
    }

    @Test
    void theFirstErrorFailsTheRun() {
        assertThatThrownBy(() -> TimedRun.opsPerSecond(2, 5, (worker, seq) -> {
            if (seq == 3) {
                throw new IOException("disk full");
            }
        })).isInstanceOf(IOException.class).hasMessage("disk full");
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
