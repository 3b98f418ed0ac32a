package io.stowage.bench;

import io.stowage.engine.store.RocksEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Tear-down shared by the engine benchmarks: close the engine, then delete its data directory. */
public final class EngineDirs {

    private EngineDirs() {
    }

    public static void closeAndDelete(RocksEngine engine, Path dir) throws IOException {
        try {
            engine.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
