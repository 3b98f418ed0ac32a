package io.stowage.kube.operator;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds: the operator works asynchronously. */
public final class Eventually {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Eventually() {
    }

    /** The first value of PROBE that CONDITION accepts; fails after {@link #TIMEOUT} naming WHAT. */
    public static <T> T await(String what, Supplier<T> probe, Predicate<T> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (last != null && condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted awaiting " + what, e);
            }
        }
        throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s awaiting " + what + "; last seen: " + last);
    }

    /** The first non-null value of PROBE. */
    public static <T> T await(String what, Supplier<T> probe) {
        return await(what, probe, v -> true);
    }
}
