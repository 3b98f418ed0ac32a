package io.stowage.csi.node.it;

import java.util.List;

/** The FUSE mount contract with rclone. */
class RcloneMountIT extends FuseMountContractIT {

    @Override
    String mounter() {
        return "rclone";
    }

    @Override
    boolean uploadsAtClose() {
        return false;
    }

    /** With its write cache rclone uploads after close() has answered, so only the uncached mode can report. */
    @Override
    List<String> reportingOptions() {
        return List.of("--vfs-cache-mode=off");
    }

    /** rclone's answer to 400 QuotaExceeded, as to every failed upload: EIO. */
    @Override
    String quotaRefusal() {
        return "Input/output error";
    }
}
