package io.stowage.csi.node.it;

import io.stowage.csi.node.system.MountEntry;
import io.stowage.csi.node.system.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Leaves no mount behind a test: lazy unmounts of everything under the test's directory, deepest first. */
final class MountCleanup {

    private MountCleanup() {
    }

    /** @return the mount points that were still there */
    static List<Path> detachUnder(Path root) throws IOException, InterruptedException {
        List<Path> left = MountTable.read().under(root).stream().map(MountEntry::mountPoint).distinct()
                .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        for (Path mountPoint : left) {
            while (MountTable.read().at(mountPoint).isPresent()) {
                Process umount = new ProcessBuilder("umount", "--lazy", "--no-canonicalize", mountPoint.toString())
                        .redirectErrorStream(true).start();
                umount.getInputStream().readAllBytes();
                if (!umount.waitFor(30, TimeUnit.SECONDS) || umount.exitValue() != 0) {
                    break;
                }
            }
        }
        return left;
    }

    /** Deletes the directory tree, unless something is still mounted in it (a delete would go into the bucket). */
    static void deleteTree(Path root) throws IOException {
        if (!MountTable.read().under(root).isEmpty() || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
