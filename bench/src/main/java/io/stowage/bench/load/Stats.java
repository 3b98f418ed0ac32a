package io.stowage.bench.load;

/** One worker's counted operations (merged at the end): latencies overall and per operation, bytes and listed keys. */
final class Stats {

    final LatencyHistogram all = new LatencyHistogram();
    final LatencyHistogram[] byOp = new LatencyHistogram[Op.values().length];
    final long[] bytes = new long[Op.values().length];
    long keys;

    Stats() {
        for (int i = 0; i < byOp.length; i++) {
            byOp[i] = new LatencyHistogram();
        }
    }

    void record(Op op, long nanos, long b, long k) {
        all.record(nanos);
        byOp[op.ordinal()].record(nanos);
        bytes[op.ordinal()] += b;
        keys += k;
    }

    void add(Stats s) {
        all.add(s.all);
        for (int i = 0; i < byOp.length; i++) {
            byOp[i].add(s.byOp[i]);
            bytes[i] += s.bytes[i];
        }
        keys += s.keys;
    }

    long totalBytes() {
        long t = 0;
        for (long b : bytes) {
            t += b;
        }
        return t;
    }
}
