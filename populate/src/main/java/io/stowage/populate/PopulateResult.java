package io.stowage.populate;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How a copy ended.
 *
 * @param fatal why the run stopped before copying everything it listed (the listing failed, the target cannot be
 *     made), if it did
 */
public record PopulateResult(long copied, long copiedBytes, long skipped, long directories, long refused, long failed,
                             Duration elapsed, Optional<String> fatal) {

    /** Every object copied (or already complete) and verified. */
    public static final int OK = 0;
    /** Some objects failed after every attempt, or the run could not list or write at all. */
    public static final int FAILED = 1;
    /** Everything else copied, but some keys were refused (they would have landed outside the target). */
    public static final int REFUSED = 3;

    public int exitCode() {
        if (failed > 0 || fatal.isPresent()) {
            return FAILED;
        }
        return refused > 0 ? REFUSED : OK;
    }

    /** One line for people and logs. */
    public String summary() {
        String counts = String.format(Locale.ROOT, "%d copied (%s), %d already complete, %d directories, %d refused,"
                + " %d failed in %.1f s", copied, Bytes.human(copiedBytes), skipped, directories, refused, failed,
                elapsed.toMillis() / 1000.0);
        return switch (exitCode()) {
            case OK -> "done: " + counts;
            case REFUSED -> "done, but keys were refused: " + counts;
            default -> "FAILED: " + fatal.map(f -> f + "; ").orElse("") + counts;
        };
    }
}
