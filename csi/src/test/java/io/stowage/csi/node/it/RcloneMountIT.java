package io.stowage.csi.node.it;

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
}
