package io.stowage.kube.provision;

import java.util.Locale;

/** The ways a workload claims a bucket. */
public enum FrontEnd {
    COSI, OBC, SECRET;

    /** The metrics label: {@code cosi}, {@code obc}, {@code secret}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
