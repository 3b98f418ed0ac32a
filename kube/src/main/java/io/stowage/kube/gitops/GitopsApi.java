package io.stowage.kube.gitops;

/** The names the GitOps resources share. */
public final class GitopsApi {

    public static final String GROUP = "stowage.io";
    public static final String VERSION = "v1alpha1";
    /**
     * The tag that marks a bucket as managed by one S3Bucket ({@code namespace/name}): a bucket marked by another is never
     * adopted, and Delete deletes only a bucket marked by its own resource.
     */
    public static final String MANAGED_BY_TAG = "stowage.io/s3bucket";
    /** Annotation on an S3User: a new value asks for a new key (each value once). */
    public static final String ROTATE_ANNOTATION = "stowage.io/rotate-credentials";

    private GitopsApi() {
    }
}
