package io.stowage.csi.node.it;


/** The FUSE mount contract with geesefs. */
class GeesefsMountIT extends FuseMountContractIT {

    @Override
    String mounter() {
        return "geesefs";
    }

    @Override
    boolean uploadsAtClose() {
        return false;
    }
}
