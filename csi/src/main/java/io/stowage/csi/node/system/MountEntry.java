package io.stowage.csi.node.system;

import java.nio.file.Path;

/** One line of /proc/self/mountinfo: a mount, where it is and what it is. */
public record MountEntry(int id, int parentId, String root, Path mountPoint, String options, String fsType,
                         String source) {

    /** A FUSE mount (fstype fuse or fuse.NAME, e.g. fuse.s3fs), or a bind mount of one. */
    public boolean isFuse() {
        return fsType.equals("fuse") || fsType.startsWith("fuse.");
    }

    /** Mounted read-only (the per-mount flag, which a read-only bind sets). */
    public boolean isReadOnly() {
        for (String option : options.split(",")) {
            if (option.equals("ro")) {
                return true;
            }
        }
        return false;
    }
}
