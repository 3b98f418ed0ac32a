package io.stowage.csi.node.fuse;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** A file a mounter reads at start (its password file, a CA bundle), written before it starts. */
public record FuseFile(Path path, String content, Set<PosixFilePermission> permissions) {

    public FuseFile {
        permissions = Set.copyOf(permissions);
    }

    /** Without the content, which may be a secret. */
    @Override
    public String toString() {
        return "FuseFile[" + path + ", " + PosixFilePermissions.toString(permissions) + "]";
    }
}
