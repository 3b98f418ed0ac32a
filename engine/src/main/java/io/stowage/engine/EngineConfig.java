package io.stowage.engine;

import java.nio.file.Path;

/**
 * Engine settings.
 *
 * @param dataDir the directory holding metadata ({@code meta/}) and bytes ({@code blobs/}, {@code tmp/})
 * @param inlineThreshold bodies of at most this many bytes are stored inside the metadata record
 */
public record EngineConfig(Path dataDir, int inlineThreshold) {

    /** Chosen by measurement: see docs/benchmarks.md, "Inline threshold". */
    public static final int DEFAULT_INLINE_THRESHOLD = 16 * 1024;
    /** Inline bodies travel in whole metadata records, so they stay small. */
    public static final int MAX_INLINE_THRESHOLD = 1024 * 1024;

    public EngineConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir is required");
        }
        if (inlineThreshold < 0 || inlineThreshold > MAX_INLINE_THRESHOLD) {
            throw new IllegalArgumentException("inlineThreshold must be between 0 and 1 MiB, was " + inlineThreshold);
        }
    }

    public static EngineConfig defaults(Path dataDir) {
        return new EngineConfig(dataDir, DEFAULT_INLINE_THRESHOLD);
    }
}
