package io.stowage.csi.node.system;

import io.stowage.csi.node.MountException;
import java.nio.file.Path;
import java.util.List;

/** Bind mounts and unmounts through util-linux's mount and umount (and fusermount for dead FUSE mounts). */
public final class SystemMounts {

    /** Enough unmounts to clear any stack of mounts at one path, and a bound on a path that keeps coming back. */
    private static final int MAX_STACKED = 16;

    private final CommandRunner runner;

    public SystemMounts(CommandRunner runner) {
        this.runner = runner;
    }

    /** Mounts {@code source} at {@code target} as a bind mount, read-only when asked. */
    public void bind(Path source, Path target, boolean readOnly) {
        check(runner.run(List.of("mount", "--bind", source.toString(), target.toString())), "bind " + source + " at " + target);
        if (readOnly) {
            // A bind mount takes its source's flags; read-only is a second step that changes only this mount.
            CommandRunner.Result result = runner.run(List.of("mount", "-o", "remount,bind,ro", target.toString()));
            if (!result.succeeded()) {
                detach(target);
                check(result, "make the bind mount at " + target + " read-only");
            }
        }
    }

    /**
     * Unmounts everything mounted at {@code path}: a plain unmount first, so a healthy FUSE mount gets to
     * flush, and a lazy one when that fails (a dead or busy mount).
     */
    public void unmount(Path path) {
        for (int i = 0; i < MAX_STACKED && MountTable.read().at(path).isPresent(); i++) {
            CommandRunner.Result plain = runner.run(List.of("umount", path.toString()));
            if (!plain.succeeded()) {
                detachTop(path, plain.output());
            }
        }
        ensureGone(path);
    }

    /**
     * Detaches everything mounted at {@code path} at once (lazy unmount): the path is free immediately, the
     * mount itself goes when nothing uses it any more. The one way to clear a dead FUSE mount, whose
     * path cannot even be looked at.
     */
    public void detach(Path path) {
        for (int i = 0; i < MAX_STACKED && MountTable.read().at(path).isPresent(); i++) {
            detachTop(path, "");
        }
        ensureGone(path);
    }

    private void detachTop(Path path, String earlierOutput) {
        // --no-canonicalize: umount would otherwise stat a dead FUSE path and fail with ENOTCONN.
        CommandRunner.Result lazy = runner.run(List.of("umount", "--lazy", "--no-canonicalize", path.toString()));
        if (!lazy.succeeded() && MountTable.read().isFuseAt(path)) {
            lazy = runner.run(List.of("fusermount", "-u", "-z", path.toString()));
        }
        if (!lazy.succeeded() && MountTable.read().at(path).isPresent()) {
            throw new MountException(MountException.Reason.FAILED, "cannot unmount " + path + ": "
                    + join(earlierOutput, lazy.output()));
        }
    }

    private static void ensureGone(Path path) {
        if (MountTable.read().at(path).isPresent()) {
            throw new MountException(MountException.Reason.FAILED, path + " is still mounted after "
                    + MAX_STACKED + " unmounts");
        }
    }

    private static void check(CommandRunner.Result result, String what) {
        if (!result.succeeded()) {
            throw new MountException(MountException.Reason.FAILED, "cannot " + what + ": " + result.output());
        }
    }

    private static String join(String first, String second) {
        return first.isBlank() ? second : second.isBlank() ? first : first + "; " + second;
    }
}
