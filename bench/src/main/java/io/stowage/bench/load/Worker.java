package io.stowage.bench.load;

/** One worker of the measured phase; each call of {@link #next()} performs one operation. */
interface Worker {

    /** What the operation did; null when there is nothing left to do (delete ran out of prepared objects). */
    Outcome next();

    /** {@code ok} false: the operation failed (its error is in {@link Errors}) or was abandoned; not counted. */
    record Outcome(Op op, boolean ok, long bytes, long keys) {
    }
}
