package io.stowage.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured window of a run, in {@link System#nanoTime()} after the warm-up. An operation counts
 * when it ends inside the window: counting those that also start inside would drop about one
 * operation per worker, which is most of them with 64 MiB objects and a few seconds' window.
 */
final class Window {

    final long start;
    final long end;
    private final Errors errors;
    private final AtomicLong exhaustedAt = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean stopped;

    Window(long begin, long warmupNanos, long durationNanos, Errors errors) {
        this.start = begin + warmupNanos;
        this.end = start + durationNanos;
        this.errors = errors;
    }

    /** A window open from now until stopped, exhausted or failed: for filling a bucket. */
    static Window unbounded(Errors errors) {
        return new Window(System.nanoTime(), 0, Long.MAX_VALUE / 4, errors);
    }

    /** Whether an operation may still start at {@code now}. */
    boolean open(long now) {
        return now < end && !stopped && exhaustedAt.get() == Long.MAX_VALUE && !errors.any();
    }

    boolean counts(long endedAt) {
        return endedAt >= start && endedAt <= Math.min(end, exhaustedAt.get());
    }

    /** The workers ran out of prepared objects (delete) at {@code now}: the window ends there. */
    void exhausted(long now) {
        exhaustedAt.compareAndSet(Long.MAX_VALUE, now);
    }

    boolean exhausted() {
        return exhaustedAt.get() != Long.MAX_VALUE;
    }

    boolean exhaustedInWarmup() {
        return exhaustedAt.get() <= start;
    }

    void stop() {
        stopped = true;
    }

    double seconds() {
        return (Math.min(end, exhaustedAt.get()) - start) / 1e9;
    }
}
