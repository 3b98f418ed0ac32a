package io.stowage.kube.obc;

/** lib-bucket-provisioner's ObjectBucket phases. */
public enum BucketPhase {
    Bound, Released, Failed
}
