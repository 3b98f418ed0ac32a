package io.stowage.populate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One copy: from where, into which directory, how.
 *
 * @param parallel how many objects are downloaded at once
 * @param attempts how many times one object's download is tried before it counts as failed
 * @param progressInterval how often a plain progress line is printed when not on a terminal; zero for never
 */
public record PopulateSettings(Source source, Path target, KeyFilter filter, int parallel, int attempts,
                               Duration progressInterval) {

    public static final int DEFAULT_PARALLEL = 8;
    public static final int DEFAULT_ATTEMPTS = 5;

    public PopulateSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(filter, "filter");
        if (parallel < 1 || parallel > 256) {
            throw new IllegalArgumentException("--parallel must be 1 to 256, not " + parallel);
        }
        if (attempts < 1 || attempts > 100) {
            throw new IllegalArgumentException("--attempts must be 1 to 100, not " + attempts);
        }
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("--progress-interval must not be negative");
        }
    }
}
