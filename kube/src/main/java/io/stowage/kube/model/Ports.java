package io.stowage.kube.model;

/** The server's ports, as the pods, both Services and the probes name them. */
public final class Ports {

    public static final int S3 = 9000;
    public static final int ADMIN = 9001;
    public static final int METRICS = 9002;
    /** Raft between the pods of a cluster (replicas above 1), on the headless Service only. */
    public static final int RAFT = 9100;
    /** Blob copies between the pods of a cluster: the server takes the Raft port plus one. */
    public static final int BLOBS = RAFT + 1;

    public static final String S3_NAME = "s3";
    public static final String ADMIN_NAME = "admin";
    public static final String METRICS_NAME = "metrics";
    public static final String RAFT_NAME = "raft";
    public static final String BLOBS_NAME = "raft-blobs";

    private Ports() {
    }
}
