package io.stowage.populate;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps keys (relative to the prefix) to paths below the target directory, refusing any key that could land
 * outside it, and makes directories without following symbolic links.
 */
final class TargetLayout {

    /** The name prefix of files being written; files named so are an interrupted run's leftovers. */
    static final String TEMP_PREFIX = ".stowage-tmp-";

    private final Path target;
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();

    TargetLayout(Path target) {
        this.target = target.toAbsolutePath().normalize();
    }

    Path target() {
        return target;
    }

    Placement place(String relativeKey) {
        if (relativeKey.isEmpty()) {
            return new Placement.TargetItself();
        }
        if (relativeKey.indexOf('\0') >= 0) {
            return new Placement.Refused("it contains a NUL character");
        }
        if (relativeKey.indexOf('\\') >= 0) {
            return new Placement.Refused("it contains a backslash, a path separator elsewhere");
        }
        if (relativeKey.startsWith("/")) {
            return new Placement.Refused("it is an absolute path");
        }
        boolean directory = relativeKey.endsWith("/");
        String path = directory ? relativeKey.substring(0, relativeKey.length() - 1) : relativeKey;
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return new Placement.Refused("it has an empty path segment (//)");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return new Placement.Refused("it has a '" + segment + "' segment");
            }
        }
        if (segments[segments.length - 1].startsWith(TEMP_PREFIX)) {
            return new Placement.Refused("its name starts with " + TEMP_PREFIX + ", the worker's temporary files");
        }
        Path resolved = target.resolve(path).normalize();
        if (!resolved.startsWith(target) || resolved.equals(target)) {
            return new Placement.Refused("it resolves outside the target directory");
        }
        return directory ? new Placement.Directory(resolved) : new Placement.File(resolved);
    }

    /**
     * Makes {@code dir} and its parents up to the target directory. An existing symbolic link on the way is not
     * followed: it fails the copy, as does a file where a directory must be.
     */
    void ensureDirectory(Path dir) throws IOException {
        if (dir.equals(target) || directories.contains(dir)) {
            return;
        }
        ensureDirectory(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target.relativize(dir) + " exists and is not a directory", e);
            }
        }
        directories.add(dir);
    }
}
