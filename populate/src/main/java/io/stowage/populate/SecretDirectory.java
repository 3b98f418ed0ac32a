package io.stowage.populate;

import java.nio.file.Files;
import java.nio.file.Path;

/** A mounted Kubernetes Secret: one file per key. Absent keys (and no directory at all) read as null. */
final class SecretDirectory {

    private final Path dir;

    private SecretDirectory(Path dir) {
        this.dir = dir;
    }

    /** @throws IllegalArgumentException when {@code dir} is given but is not a directory */
    static SecretDirectory of(Path dir) {
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--secret-dir: " + dir + " is not a directory");
        }
        return new SecretDirectory(dir);
    }

    /** The key's value, stripped of surrounding white space (but for a CA bundle's inner lines), or null. */
    String value(String key) {
        if (dir == null) {
            return null;
        }
        Path file = dir.resolve(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String value = Source.read(file, "--secret-dir " + key).strip();
        return value.isEmpty() ? null : value;
    }
}
