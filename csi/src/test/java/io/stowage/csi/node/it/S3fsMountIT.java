package io.stowage.csi.node.it;


/** The FUSE mount contract with s3fs. */
class S3fsMountIT extends FuseMountContractIT {

    @Override
    String mounter() {
        return "s3fs";
    }

    @Override
    boolean uploadsAtClose() {
        return true;
    }
}
