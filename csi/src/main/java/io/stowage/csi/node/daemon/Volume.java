package io.stowage.csi.node.daemon;

import java.util.concurrent.locks.ReentrantLock;

/** One volume's mutable state in the daemon, guarded by its lock (see {@link VolumeRegistry}). */
final class Volume {

    final String id;
    final ReentrantLock lock = new ReentrantLock();
    /** Null while not staged. */
    VolumeRecord record;
    /** The running mounter; null while none runs, and set to null first when it is stopped on purpose. */
    FuseProcess process;
    /** Whether a retry loop is mounting it again. */
    boolean repairing;

    Volume(String id) {
        this.id = id;
    }

    /** Whether its mounter runs. */
    boolean mounterRuns() {
        return process != null && process.isAlive();
    }
}
