package io.stowage.kube.cosi.crd;

/**
 * The names the COSI v1alpha1 API fixes (container-object-storage-interface v0.2.2): its group and
 * version, the finalizers the upstream controller and sidecar put on objects, and the names they derive
 * from objects' uids. Stowage's sidecar and controller modes use the same, so that they can take over
 * from the upstream components, or hand over to them, on the same objects.
 */
public final class CosiApi {

    public static final String GROUP = "objectstorage.k8s.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private static final String FINALIZER_PREFIX = "cosi.objectstorage.k8s.io/";
    /** On a BucketClaim, until its Bucket is gone. */
    public static final String BUCKET_CLAIM_PROTECTION = FINALIZER_PREFIX + "bucketclaim-protection";
    /** On a Bucket the driver created, until the driver has deleted (or retained) it. */
    public static final String BUCKET_PROTECTION = FINALIZER_PREFIX + "bucket-protection";
    /** On a Bucket, while BucketAccesses to it hold credentials. */
    public static final String BUCKET_ACCESS_BUCKET_PROTECTION = FINALIZER_PREFIX + "bucketaccess-bucket-protection";
    /** On a BucketAccess, until its access is revoked. */
    public static final String BUCKET_ACCESS_PROTECTION = FINALIZER_PREFIX + "bucketaccess-protection";
    /** On a credentials Secret the sidecar wrote, until its BucketAccess is gone. */
    public static final String SECRET_PROTECTION = FINALIZER_PREFIX + "secret-protection";

    public static final String DELETION_POLICY_RETAIN = "Retain";
    public static final String DELETION_POLICY_DELETE = "Delete";
    public static final String AUTHENTICATION_KEY = "Key";
    public static final String AUTHENTICATION_IAM = "IAM";
    public static final String PROTOCOL_S3 = "S3";

    private CosiApi() {
    }

    /** The Bucket the controller creates for a greenfield BucketClaim. */
    public static String bucketName(BucketClaim claim) {
        return "bucket-" + claim.getMetadata().getUid();
    }

    /** The account name the sidecar asks the driver to grant a BucketAccess under. */
    public static String accountName(BucketAccess access) {
        return "ba-" + access.getMetadata().getUid();
    }

    /** The name in the credentials Secret's BucketInfo document. */
    public static String bucketInfoName(BucketAccess access) {
        return "bc-" + access.getMetadata().getUid();
    }
}
