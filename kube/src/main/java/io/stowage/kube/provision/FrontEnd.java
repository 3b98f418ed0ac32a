package io.stowage.kube.provision;

import java.util.Locale;

/** The ways a workload claims a bucket, and the volume populator (a claim for a volume filled from one). */
public enum FrontEnd {
    COSI, OBC, SECRET, POPULATOR;

    /** The metrics label and --provisioners value: {@code cosi}, {@code obc}, {@code secret}, {@code populator}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
