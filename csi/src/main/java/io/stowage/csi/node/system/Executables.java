package io.stowage.csi.node.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds a program the way a shell would: the first executable file of that name in the search path. */
public final class Executables {

    private Executables() {
    }

    public static Optional<Path> find(String name, List<Path> searchPath) {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
