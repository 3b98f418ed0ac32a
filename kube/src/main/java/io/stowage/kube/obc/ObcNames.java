package io.stowage.kube.obc;

import io.stowage.kube.provision.ProvisioningAnnotations;
import java.util.UUID;

/** The names, labels and annotations of the ObjectBucketClaim provisioner. */
public final class ObcNames {

    /** The StorageClass provisioner this front end serves. */
    public static final String PROVISIONER = "stowage.io/bucket";
    /** lib-bucket-provisioner's finalizer, on the claim, its Secret, ConfigMap and ObjectBucket. */
    public static final String FINALIZER = "objectbucket.io/finalizer";
    /** lib-bucket-provisioner's label: the provisioner name with '/' replaced by '-'. */
    public static final String LABEL = "bucket-provisioner";
    public static final String LABEL_VALUE = PROVISIONER.replace('/', '-');

    /** On the claim: any new value asks for new credentials. */
    public static final String ROTATE_ANNOTATION = ProvisioningAnnotations.ROTATE_CREDENTIALS;
    /** On the Secret: the rotation request last carried out. */
    public static final String ROTATED_ANNOTATION = ProvisioningAnnotations.CREDENTIALS_ROTATED;
    /** On the claim: "true" deletes a non-empty bucket's objects when the claim is deleted (policy Delete). */
    public static final String PURGE_ANNOTATION = ProvisioningAnnotations.PURGE_ON_DELETE;
    /** On the claim: "true" lets a deleted claim go without any backend call. */
    public static final String ABANDON_ANNOTATION = ProvisioningAnnotations.ABANDON;
    /**
     * On the claim, written by the operator before it creates a bucket: the bucket this claim created and
     * so owns. A bucket of that name that exists without it belongs to someone else.
     */
    public static final String CREATED_BUCKET_ANNOTATION = "stowage.io/created-bucket";

    /** lib-bucket-provisioner's bound: 63 characters, less a UUID and its hyphen. */
    static final int MAX_PREFIX_LENGTH = 63 - 36 - 1;

    private ObcNames() {
    }

    public static String objectBucketName(String namespace, String claimName) {
        return "obc-" + namespace + "-" + claimName;
    }

    /** The backend account of a claim: one per claim, so that deleting it revokes exactly that claim's access. */
    public static String account(String claimUid) {
        return "obc-" + claimUid;
    }

    /** As lib-bucket-provisioner generates names: {@code <prefix cut to 26>-<uuid v4>}. */
    public static String generatedBucketName(String prefix, UUID uuid) {
        String base = prefix.length() > MAX_PREFIX_LENGTH ? prefix.substring(0, MAX_PREFIX_LENGTH) : prefix;
        return base + "-" + uuid;
    }
}
