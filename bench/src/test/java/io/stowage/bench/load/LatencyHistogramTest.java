package io.stowage.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertThat(h.percentile(50)).isEqualTo(50);
        assertThat(h.percentile(99)).isEqualTo(99);
        assertThat(h.percentile(99.9)).isEqualTo(100);
        assertThat(h.percentile(100)).isEqualTo(100);
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.mean()).isEqualTo(50.5);
    }

    @Test
    void largeValuesWithinRelativeError() {
        LatencyHistogram h = new LatencyHistogram();
        // 1..100000 microseconds in nanoseconds
        for (int v = 1; v <= 100_000; v++) {
            h.record(v * 1000L);
        }
        assertThat((double) h.percentile(50)).isCloseTo(50_000_000, within(50_000_000 / 64.0));
        assertThat((double) h.percentile(99)).isCloseTo(99_000_000, within(99_000_000 / 64.0));
        assertThat((double) h.percentile(99.9)).isCloseTo(99_900_000, within(99_900_000 / 64.0));
        assertThat(h.percentile(99)).isGreaterThanOrEqualTo(99_000_000);
        assertThat(h.max()).isEqualTo(100_000_000);
    }

    @Test
    void bucketsAreContiguousAndMonotonic() {
        long previous = -1;
        for (int i = 0; i < LatencyHistogram.index(Long.MAX_VALUE); i++) {
            long high = LatencyHistogram.highestInBucket(i);
            assertThat(high).isGreaterThan(previous);
            assertThat(LatencyHistogram.index(high)).isEqualTo(i);
            assertThat(LatencyHistogram.index(previous + 1)).isEqualTo(i);
            previous = high;
        }
        assertThat(LatencyHistogram.index(Long.MAX_VALUE)).isLessThan(128 + 58 * 64);
    }

    @Test
    void tailIsSeparatedFromTheBody() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 0; i < 990; i++) {
            a.record(1_000_000); // 1 ms
        }
        for (int i = 0; i < 10; i++) {
            b.record(50_000_000); // 50 ms
        }
        a.add(b);
        assertThat(a.count()).isEqualTo(1000);
        assertThat(a.percentile(50)).isBetween(1_000_000L, 1_016_000L);
        assertThat(a.percentile(99)).isBetween(1_000_000L, 1_016_000L);
        assertThat(a.percentile(99.9)).isEqualTo(50_000_000L);
    }
}
