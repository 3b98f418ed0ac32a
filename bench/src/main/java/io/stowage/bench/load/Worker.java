package io.stowage.bench.load;

import io.stowage.bench.load.http.Response;

/**
 * One connection's operations, one at a time: {@link #next()} gives the request of the next
 * operation and {@link #finish} checks its answer. Both run on the connection's event loop.
 */
interface Worker {

    /** The next request; null when there is nothing left to do (delete ran out of prepared objects). */
    Request next();

    /** Checks the answer to the last request (an error goes to {@link Errors}) and says what it did. */
    Outcome finish(Response response);

    /** {@code ok} false: the operation failed (its error is in {@link Errors}); not counted. */
    record Outcome(Op op, boolean ok, long bytes, long keys) {
    }
}
