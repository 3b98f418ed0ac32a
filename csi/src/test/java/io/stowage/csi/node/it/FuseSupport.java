package io.stowage.csi.node.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.csi.node.system.ChildEnvironment;
import io.stowage.csi.node.system.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Whether this machine can run a mounter's real mounts, and if not, what to say in the skipped test. With the
 * environment variable {@value #REQUIRE} = {@code true} (CI, which installs s3fs, rclone and fuse3 and runs as root)
 * an s3fs or rclone test that cannot mount fails instead of being skipped; geesefs, which Debian does not package,
 * is still skipped where it is missing.
 */
public final class FuseSupport {

    /** The environment variable that turns missing FUSE support from a skip into a failure. */
    public static final String REQUIRE = "STOWAGE_REQUIRE_FUSE";
    private static final Set<String> PACKAGED = Set.of("s3fs", "rclone");

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

    /**
     * Skips the test, saying why, when {@code mounter}'s mounts cannot be tested here; fails it instead when
     * {@value #REQUIRE} is {@code true} and the mounter is one CI installs.
     */
    public static void assume(String mounter) {
        String missing = missing(mounter);
        if (missing != null && PACKAGED.contains(mounter) && "true".equals(System.getenv(REQUIRE))) {
            throw new IllegalStateException(missing + " (" + REQUIRE + "=true)");
        }
        assumeTrue(missing == null, missing);
    }
}
