package io.stowage.csi.node.it;

import io.stowage.csi.node.system.ChildEnvironment;
import io.stowage.csi.node.system.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whether this machine can run a mounter's real mounts, and if not, what to say in the skipped test. */
final class FuseSupport {

    private FuseSupport() {
    }

    /** Why {@code mounter}'s mounts cannot be tested here, or null when they can. */
    static String missing(String mounter) {
        if (!Files.exists(Path.of("/dev/fuse"))) {
            return "FUSE tests need /dev/fuse, which this machine lacks: " + mounter + " mounts are not tested";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "FUSE tests mount and unmount, which needs root: " + mounter + " mounts are not tested";
        }
        for (String program : List.of(mounter, "fusermount")) {
            if (Executables.find(program, ChildEnvironment.SEARCH_PATH).isEmpty()) {
                String install = program.equals("geesefs") ? "Debian has no package: put its release binary on PATH"
                        : "Debian: apt-get install s3fs rclone fuse3";
                return program + " is not installed here (" + install + "), so " + mounter + " mounts are not tested";
            }
        }
        return null;
    }
}
