package io.stowage.s3.router;

/** Every S3 operation Stowage routes, with the IAM action name a policy would grant it by. */
public enum S3Operation {
    LIST_BUCKETS("s3:ListAllMyBuckets", AccessKind.SERVICE),
    CREATE_BUCKET("s3:CreateBucket", AccessKind.CREATE_BUCKET),
    HEAD_BUCKET("s3:ListBucket", AccessKind.ANY),
    DELETE_BUCKET("s3:DeleteBucket", AccessKind.OWNER),
    GET_BUCKET_LOCATION("s3:GetBucketLocation", AccessKind.ANY),
    GET_BUCKET_VERSIONING("s3:GetBucketVersioning", AccessKind.ANY),
    PUT_BUCKET_VERSIONING("s3:PutBucketVersioning", AccessKind.OWNER),
    GET_BUCKET_ACL("s3:GetBucketAcl", AccessKind.READ),
    PUT_BUCKET_ACL("s3:PutBucketAcl", AccessKind.OWNER),
    LIST_OBJECTS("s3:ListBucket", AccessKind.READ),
    LIST_OBJECTS_V2("s3:ListBucket", AccessKind.READ),
    LIST_OBJECT_VERSIONS("s3:ListBucketVersions", AccessKind.READ),
    DELETE_OBJECTS("s3:DeleteObject", AccessKind.WRITE),
    PUT_OBJECT("s3:PutObject", AccessKind.WRITE),
    COPY_OBJECT("s3:PutObject", AccessKind.WRITE),
    /** A browser form upload: authorized as PUT_OBJECT of its key once its policy names the caller. */
    POST_OBJECT("s3:PutObject", AccessKind.WRITE),
    GET_OBJECT("s3:GetObject", AccessKind.READ),
    HEAD_OBJECT("s3:GetObject", AccessKind.READ),
    DELETE_OBJECT("s3:DeleteObject", AccessKind.WRITE),
    GET_OBJECT_ACL("s3:GetObjectAcl", AccessKind.READ),
    PUT_OBJECT_ACL("s3:PutObjectAcl", AccessKind.OWNER),
    CREATE_MULTIPART_UPLOAD("s3:PutObject", AccessKind.WRITE),
    UPLOAD_PART("s3:PutObject", AccessKind.WRITE),
    UPLOAD_PART_COPY("s3:PutObject", AccessKind.WRITE),
    COMPLETE_MULTIPART_UPLOAD("s3:PutObject", AccessKind.WRITE),
    ABORT_MULTIPART_UPLOAD("s3:AbortMultipartUpload", AccessKind.WRITE),
    LIST_MULTIPART_UPLOADS("s3:ListBucketMultipartUploads", AccessKind.WRITE),
    GET_BUCKET_POLICY("s3:GetBucketPolicy", AccessKind.OWNER),
    PUT_BUCKET_POLICY("s3:PutBucketPolicy", AccessKind.OWNER),
    DELETE_BUCKET_POLICY("s3:DeleteBucketPolicy", AccessKind.OWNER),
    GET_BUCKET_POLICY_STATUS("s3:GetBucketPolicyStatus", AccessKind.OWNER),
    GET_BUCKET_OWNERSHIP_CONTROLS("s3:GetBucketOwnershipControls", AccessKind.OWNER),
    PUT_BUCKET_OWNERSHIP_CONTROLS("s3:PutBucketOwnershipControls", AccessKind.OWNER),
    DELETE_BUCKET_OWNERSHIP_CONTROLS("s3:PutBucketOwnershipControls", AccessKind.OWNER),
    GET_PUBLIC_ACCESS_BLOCK("s3:GetBucketPublicAccessBlock", AccessKind.OWNER),
    PUT_PUBLIC_ACCESS_BLOCK("s3:PutBucketPublicAccessBlock", AccessKind.OWNER),
    DELETE_PUBLIC_ACCESS_BLOCK("s3:PutBucketPublicAccessBlock", AccessKind.OWNER),
    LIST_PARTS("s3:ListMultipartUploadParts", AccessKind.WRITE),
    GET_BUCKET_LIFECYCLE_CONFIGURATION("s3:GetLifecycleConfiguration", AccessKind.OWNER),
    PUT_BUCKET_LIFECYCLE_CONFIGURATION("s3:PutLifecycleConfiguration", AccessKind.OWNER),
    DELETE_BUCKET_LIFECYCLE("s3:PutLifecycleConfiguration", AccessKind.OWNER),
    GET_OBJECT_LOCK_CONFIGURATION("s3:GetBucketObjectLockConfiguration", AccessKind.OWNER),
    PUT_OBJECT_LOCK_CONFIGURATION("s3:PutBucketObjectLockConfiguration", AccessKind.OWNER),
    // A grant that reads an object may read its lock; one that writes objects (and so may already write them locked)
    // may set it. Weakening a GOVERNANCE retention needs s3:BypassGovernanceRetention, which no grant or ACL gives.
    GET_OBJECT_RETENTION("s3:GetObjectRetention", AccessKind.READ),
    PUT_OBJECT_RETENTION("s3:PutObjectRetention", AccessKind.WRITE),
    GET_OBJECT_LEGAL_HOLD("s3:GetObjectLegalHold", AccessKind.READ),
    PUT_OBJECT_LEGAL_HOLD("s3:PutObjectLegalHold", AccessKind.WRITE),
    GET_OBJECT_TAGGING("s3:GetObjectTagging", AccessKind.READ),
    PUT_OBJECT_TAGGING("s3:PutObjectTagging", AccessKind.WRITE),
    DELETE_OBJECT_TAGGING("s3:DeleteObjectTagging", AccessKind.WRITE),
    GET_BUCKET_TAGGING("s3:GetBucketTagging", AccessKind.OWNER),
    PUT_BUCKET_TAGGING("s3:PutBucketTagging", AccessKind.OWNER),
    DELETE_BUCKET_TAGGING("s3:PutBucketTagging", AccessKind.OWNER),
    GET_BUCKET_WEBSITE("s3:GetBucketWebsite", AccessKind.OWNER),
    PUT_BUCKET_WEBSITE("s3:PutBucketWebsite", AccessKind.OWNER),
    DELETE_BUCKET_WEBSITE("s3:DeleteBucketWebsite", AccessKind.OWNER),
    GET_BUCKET_ENCRYPTION("s3:GetEncryptionConfiguration", AccessKind.OWNER),
    PUT_BUCKET_ENCRYPTION("s3:PutEncryptionConfiguration", AccessKind.OWNER),
    DELETE_BUCKET_ENCRYPTION("s3:PutEncryptionConfiguration", AccessKind.OWNER),
    GET_BUCKET_CORS("s3:GetBucketCORS", AccessKind.OWNER),
    PUT_BUCKET_CORS("s3:PutBucketCORS", AccessKind.OWNER),
    DELETE_BUCKET_CORS("s3:PutBucketCORS", AccessKind.OWNER),
    /** A CORS preflight: answered from the bucket's CORS rules without a signature, so never authorized by action. */
    OPTIONS_OBJECT("s3:OptionsObject", AccessKind.ANY);

    /** What a grant must give for an operation; policies and owners decide by the action instead. */
    public enum AccessKind {
        /** Not about one bucket (ListBuckets): any signed request. */
        SERVICE,
        /** Creating a bucket: any key acting with its user's full rights. */
        CREATE_BUCKET,
        /** Reading objects or listing them. */
        READ,
        /** Writing or deleting objects. */
        WRITE,
        /** Harmless bucket metadata that readers and writers both need (HeadBucket, GetBucketLocation). */
        ANY,
        /** Managing the bucket itself (deleting it, its ACL, policy and access settings): owners and admins only. */
        OWNER
    }

    private final String action;
    private final AccessKind kind;
    private final String awsName;

    S3Operation(String action, AccessKind kind) {
        this.action = action;
        this.kind = kind;
        this.awsName = awsName(name());
    }

    /** LIST_OBJECTS_V2 becomes ListObjectsV2: the operation's name in the S3 API reference. */
    private static String awsName(String constant) {
        StringBuilder name = new StringBuilder(constant.length());
        for (String word : constant.split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }

    public String action() {
        return action;
    }

    /** The IAM action of this operation on one version: S3 names reads, deletes and ACLs of a version apart. */
    public String action(String versionId) {
        if (versionId == null) {
            return action;
        }
        return switch (this) {
            case GET_OBJECT, HEAD_OBJECT -> "s3:GetObjectVersion";
            case DELETE_OBJECT -> "s3:DeleteObjectVersion";
            case GET_OBJECT_ACL -> "s3:GetObjectVersionAcl";
            case PUT_OBJECT_ACL -> "s3:PutObjectVersionAcl";
            case GET_OBJECT_TAGGING -> "s3:GetObjectVersionTagging";
            case PUT_OBJECT_TAGGING -> "s3:PutObjectVersionTagging";
            case DELETE_OBJECT_TAGGING -> "s3:DeleteObjectVersionTagging";
            default -> action;
        };
    }

    public AccessKind kind() {
        return kind;
    }

    /** The operation's name in the S3 API reference, as metrics and the access log show it. */
    public String awsName() {
        return awsName;
    }
}
