package io.stowage.engine;

import java.nio.file.Path;

/**
 * Engine settings.
 *
 * @param dataDir the directory holding metadata ({@code meta/}) and bytes ({@code blobs/}, {@code tmp/})
 * @param inlineThreshold bodies of at most this many bytes are stored inside the metadata record; always 0 when
 *     replicated, where an inline body would travel inside a log entry and every body is a blob copied between nodes
 * @param replicated commands come from a replicated log (the cluster module): the log is the durable copy, so
 *     applied commands record their log position instead of syncing, blobs may arrive after the command that
 *     references them, and freed blobs wait for {@code RocksEngine.collectGarbage}
 */
public record EngineConfig(Path dataDir, int inlineThreshold, boolean replicated) {

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
        if (replicated) {
            inlineThreshold = 0;
        }
    }

    public EngineConfig(Path dataDir, int inlineThreshold) {
        this(dataDir, inlineThreshold, false);
    }

    public static EngineConfig defaults(Path dataDir) {
        return new EngineConfig(dataDir, DEFAULT_INLINE_THRESHOLD);
    }
}
