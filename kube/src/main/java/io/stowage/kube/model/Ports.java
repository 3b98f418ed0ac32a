package io.stowage.kube.model;

/** The server's ports, as the pods, both Services and the probes name them. */
public final class Ports {

    public static final int S3 = 9000;
    public static final int ADMIN = 9001;
    public static final int METRICS = 9002;

    public static final String S3_NAME = "s3";
    public static final String ADMIN_NAME = "admin";
    public static final String METRICS_NAME = "metrics";

    private Ports() {
    }
}
