package io.stowage.kube.obc;

/** lib-bucket-provisioner's ObjectBucketClaim phases, spelled as the library writes them. */
public enum ClaimPhase {
    /** Seen, not yet provisioned (or waiting for something outside the claim). */
    Pending,
    /** Bucket, Secret, ConfigMap and ObjectBucket are there. */
    Bound,
    /** Being deleted: the bucket is being released. */
    Released,
    /** The claim cannot be provisioned as it stands: its events say why. */
    Failed
}
