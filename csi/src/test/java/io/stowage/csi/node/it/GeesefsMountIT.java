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

    /** geesefs's answer to 400 (goofys's error mapping, which geesefs keeps): EINVAL. Not run here: no geesefs. */
    @Override
    String quotaRefusal() {
        return "Invalid argument";
    }
}
