package io.stowage.csi;

/**
 * The keys of a dynamic volume's {@code volume_context}, which CreateVolume answers and the CO hands to
 * NodeStageVolume and NodePublishVolume: the StorageClass parameters of the same names and the capacity. A static
 * PersistentVolume's {@code volumeAttributes} use the same keys.
 */
public final class VolumeContext {

    /** The FUSE file system that mounts the volume: {@code s3fs}, {@code rclone} or {@code geesefs}. */
    public static final String MOUNTER = "mounter";
    /** Extra mount options for the mounter, as written in the StorageClass. */
    public static final String OPTIONS = "options";
    /** The shared bucket of a volume that is a prefix of it. */
    public static final String BUCKET = "bucket";
    /** The volume's capacity in bytes; 0 for no limit. */
    public static final String CAPACITY = "capacity";

    private VolumeContext() {
    }
}
