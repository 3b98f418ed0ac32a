package io.stowage.populate;

import io.stowage.backend.BackendException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Repeats a call that failed in a way repeating can help (no answer, a 5xx or 429, a broken transfer, bytes that
 * did not verify), with exponential backoff and jitter, at most {@code attempts} times in all.
 */
final class Retrier {

    /** One try of the call. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws Exception;
    }

    private final int attempts;
    private final Duration base;
    private final Duration max;

    Retrier(int attempts, Duration base, Duration max) {
        if (attempts < 1) {
            throw new IllegalArgumentException("--attempts must be at least 1, not " + attempts);
        }
        this.attempts = attempts;
        this.base = base;
        this.max = max;
    }

    int attempts() {
        return attempts;
    }

    /** The call's result, or its last failure (after {@code attempts} tries, or at once when repeating cannot help). */
    <T> T call(Attempt<T> attempt) throws Exception {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (n >= attempts || !retryable(e)) {
                    throw e;
                }
                Thread.sleep(delay(n));
            }
        }
    }

    /** The wait after the n-th failure: between half and all of base x 2^(n-1), capped at max (jitter spreads retries). */
    long delay(int failures) {
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(failures - 1, 20));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    static boolean retryable(Exception e) {
        return switch (e) {
            case BackendException backend -> backend.retryable();
            case VerificationException verification -> true;
            case IOException io -> true;
            default -> false;
        };
    }
}
