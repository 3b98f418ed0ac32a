package io.stowage.csi.node.daemon;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.system.MountEntry;
import io.stowage.csi.node.system.MountTable;
import io.stowage.csi.node.system.PathProbe;
import io.stowage.csi.node.system.SystemMounts;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bind mounts of staged volumes at pods' target paths, and their directories. */
final class TargetMounts {

    private static final Logger LOG = LoggerFactory.getLogger(TargetMounts.class);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final SystemMounts mounts;

    TargetMounts(SystemMounts mounts) {
        this.mounts = mounts;
    }

    /** Creates the target directory and binds the staging path there. */
    void bind(Path staging, PublishedTarget target) {
        try {
            Files.createDirectories(target.path());
        } catch (IOException e) {
            throw new MountException(MountException.Reason.FAILED, "cannot create the target directory "
                    + target.path() + ": " + e.getMessage(), e);
        }
        mounts.bind(staging, target.path(), target.readOnly());
    }

    /** Binds the target again unless it is a live bind that is read-only when it must be. */
    void ensureBound(Path staging, PublishedTarget target) {
        Optional<MountEntry> top = MountTable.read().at(target.path());
        if (top.isPresent() && top.get().isFuse() && (!target.readOnly() || top.get().isReadOnly())
                && PathProbe.probe(target.path(), PROBE_TIMEOUT) != PathProbe.State.DEAD) {
            return;
        }
        LOG.warn("The bind mount at {} is gone or dead; binding it again", target.path());
        if (top.isPresent()) {
            mounts.detach(target.path());
        }
        bind(staging, target);
    }

    /**
     * Clears a path a new publish is to use: a FUSE mount there is a leftover (of a daemon whose state was
     * lost) and goes; any other mount is someone else's, and the publish is refused.
     */
    void clearForPublish(Path path, String volumeId) {
        Optional<MountEntry> there = MountTable.read().at(path);
        if (there.isEmpty()) {
            return;
        }
        if (!there.get().isFuse()) {
            throw new MountException(MountException.Reason.CONFLICT,
                    "target path " + path + " is already a " + there.get().fsType() + " mount");
        }
        LOG.warn("Removing a FUSE mount left at target path {} before publishing volume {}", path, volumeId);
        mounts.detach(path);
    }

    /** Unmounts what is at the path (a FUSE mount or a bind of one), flushing when it can. */
    void unmount(Path path) {
        mounts.unmount(path);
    }

    /** Unmounts a FUSE mount at the path if there is one. @return whether there was */
    boolean unmountFuse(Path path) {
        if (!MountTable.read().isFuseAt(path)) {
            return false;
        }
        mounts.unmount(path);
        return true;
    }

    /** Detaches whatever is mounted at the path, logging a failure: for paths that are mounted again next. */
    void detachQuietly(Path path) {
        try {
            mounts.detach(path);
        } catch (MountException e) {
            LOG.warn("Cannot detach {}: {}", path, e.getMessage());
        }
    }

    /** Removes an unmounted target directory, as CSI wants after an unpublish. */
    static void removeDirectory(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (DirectoryNotEmptyException e) {
            throw new MountException(MountException.Reason.FAILED, "the target directory " + path
                    + " is not empty after its unmount: it is left as it is", e);
        } catch (IOException e) {
            throw new MountException(MountException.Reason.FAILED, "cannot remove the target directory " + path
                    + ": " + e.getMessage(), e);
        }
    }
}
