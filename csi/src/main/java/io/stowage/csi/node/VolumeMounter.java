package io.stowage.csi.node;

import java.nio.file.Path;

/**
 * The node side's mounts: FUSE mounts at staging paths and their bind mounts at pods' target paths.
 * Every call is idempotent: repeating a call that succeeded succeeds without mounting anything again, and
 * undoing what is not there succeeds. A call that finds its mount dead (its FUSE process gone) mounts it again.
 *
 * @throws MountException from every method, with the reason the node service maps to a gRPC code
 */
public interface VolumeMounter {

    /** Mounts the bucket at the staging path (created when missing). */
    void stage(StageRequest request);

    /** Unmounts the staging path and stops its mounter; the staging directory stays. */
    void unstage(String volumeId, Path stagingPath);

    /** Bind-mounts the staging path at the target path (created when missing). */
    void publish(PublishRequest request);

    /** Unmounts the target path and removes the directory. */
    void unpublish(String volumeId, Path targetPath);
}
