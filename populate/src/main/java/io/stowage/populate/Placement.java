package io.stowage.populate;

import java.nio.file.Path;

/** Where an object's key puts it below the target directory, or why it goes nowhere. */
sealed interface Placement {

    /** A file at this path. */
    record File(Path path) implements Placement {
    }

    /** A directory marker (a key ending in {@code /}): a directory at this path. */
    record Directory(Path path) implements Placement {
    }

    /** The prefix's own marker (the key is the prefix): the target directory itself, nothing to do. */
    record TargetItself() implements Placement {
    }

    /** A key that would be written outside the target directory, or that no file name can hold safely. */
    record Refused(String reason) implements Placement {
    }
}
