package io.stowage.csi.node.fuse;

import io.stowage.csi.node.MountException;
import java.util.Locale;

/** The FUSE programs a volume can be mounted with, named as a StorageClass's {@code mounter} parameter names them. */
public enum MounterKind {
    S3FS("s3fs"),
    RCLONE("rclone"),
    GEESEFS("geesefs");

    private final String binary;

    MounterKind(String binary) {
        this.binary = binary;
    }

    /** The program's file name, looked up in the search path. */
    public String binary() {
        return binary;
    }

    /** @throws MountException INVALID for a name that is none of s3fs, rclone, geesefs */
    public static MounterKind parse(String name) {
        if (name != null) {
            for (MounterKind kind : values()) {
                if (kind.binary.equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
        }
        throw new MountException(MountException.Reason.INVALID,
                "unknown mounter " + name + ": use s3fs, rclone or geesefs");
    }
}
