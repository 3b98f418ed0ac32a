package io.stowage.kube.provision;

/** The annotations by which users steer every provisioner the same way (docs/provisioning.md). */
public final class ProvisioningAnnotations {

    /** On a claim or BucketAccess: any new value asks for new credentials, handed out before the old key goes. */
    public static final String ROTATE_CREDENTIALS = "stowage.io/rotate-credentials";
    /** Where the provisioner records the value of {@link #ROTATE_CREDENTIALS} it last carried out. */
    public static final String CREDENTIALS_ROTATED = "stowage.io/credentials-rotated";
    /**
     * On the credentials Secret of a claim or BucketAccess: the access key it held before a rotation, which keeps
     * working until {@link #RETIRE_AT}.
     */
    public static final String RETIRING_KEY = "stowage.io/retiring-key";
    /** When the {@link #RETIRING_KEY} is deleted (an ISO-8601 instant). */
    public static final String RETIRE_AT = "stowage.io/retire-at";
    /** {@code "true"}: a deletion releases its finalizers without backend calls (for a backend that is gone). */
    public static final String ABANDON = "stowage.io/abandon";
    /** {@code "true"}: deleting the claim's bucket deletes the objects in it first. */
    public static final String PURGE_ON_DELETE = "stowage.io/purge-on-delete";
    /**
     * On an annotated Secret or a COSI BucketClaim: the bucket's size quota, a quantity such as {@code 10Gi};
     * followed whenever it changes.
     */
    public static final String MAX_SIZE = "stowage.io/max-size";
    /** Likewise the bucket's object-count quota. */
    public static final String MAX_OBJECTS = "stowage.io/max-objects";

    private ProvisioningAnnotations() {
    }
}
