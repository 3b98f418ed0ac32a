package io.stowage.kube.provision;

import java.util.Locale;

/**
 * The ways a workload claims a bucket, the volume populator (a claim for a volume filled from one), and the GitOps
 * resources (S3Bucket, S3User) platform teams declare buckets and users with.
 */
public enum FrontEnd {
    COSI, OBC, SECRET, POPULATOR, GITOPS;

    /** The metrics label and --provisioners value: {@code cosi}, {@code obc}, {@code secret}, {@code populator},
     * {@code gitops}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
