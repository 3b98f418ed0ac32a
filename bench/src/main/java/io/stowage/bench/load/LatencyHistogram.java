package io.stowage.bench.load;

/**
 * A log-linear histogram of non-negative longs (latencies in nanoseconds), HdrHistogram-like:
 * values below 128 are exact; above, each power of two is split into 64 linear sub-buckets,
 * so a reported value is at most 1/64 (1.6 %) above the recorded one. Not thread-safe: each
 * worker owns one, merged at the end.
 */
public final class LatencyHistogram {

    private static final int LINEAR = 128;
    private static final int SUB = 64;
    private static final int SUB_BITS = 6;

    private final long[] counts = new long[LINEAR + 58 * SUB];
    private long total;
    private long max;
    private long sum;

    public void record(long value) {
        if (value < 0) {
            value = 0;
        }
        counts[index(value)]++;
        total++;
        sum += value;
        if (value > max) {
            max = value;
        }
    }

    static int index(long value) {
        if (value < LINEAR) {
            return (int) value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS;
        return LINEAR + (shift - 1) * SUB + (int) ((value >>> shift) - SUB);
    }

    /** The highest value that falls in the bucket {@code index}. */
    static long highestInBucket(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB + 1;
        long sub = (index - LINEAR) % SUB + SUB;
        return ((sub + 1) << shift) - 1;
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    public long count() {
        return total;
    }

    public long max() {
        return max;
    }

    public double mean() {
        return total == 0 ? 0 : (double) sum / total;
    }

    /** The value at {@code percentile} (0..100]: the smallest bucket bound with at least that share of values at or below it. */
    public long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestInBucket(i), max);
            }
        }
        return max;
    }
}
