package io.stowage.bench.load;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** The errors of a run: any error stops it ("a run with errors is not a result"); the first 20 are kept. */
final class Errors {

    private static final int KEPT = 20;

    private final AtomicLong count = new AtomicLong();
    private final ConcurrentLinkedQueue<String> first = new ConcurrentLinkedQueue<>();

    /** Records an error; returns false so that a check can end with {@code return errors.add(...)}. */
    boolean add(String message) {
        if (count.incrementAndGet() <= KEPT) {
            first.add(message);
        }
        return false;
    }

    /** {@code err} when it is not null (an error from {@link ResponseCheck}); whether the response was good. */
    boolean check(String err, String path) {
        return err == null || add(err + " (" + path + ")");
    }

    long count() {
        return count.get();
    }

    boolean any() {
        return count.get() > 0;
    }

    List<String> first() {
        return List.copyOf(first);
    }
}
