package io.stowage.s3.router;

/** Every S3 operation Stowage routes, with the IAM action name a policy would grant it by. */
public enum S3Operation {
    LIST_BUCKETS("s3:ListAllMyBuckets"),
    CREATE_BUCKET("s3:CreateBucket"),
    HEAD_BUCKET("s3:ListBucket"),
    DELETE_BUCKET("s3:DeleteBucket"),
    GET_BUCKET_LOCATION("s3:GetBucketLocation"),
    GET_BUCKET_VERSIONING("s3:GetBucketVersioning"),
    GET_BUCKET_ACL("s3:GetBucketAcl"),
    PUT_BUCKET_ACL("s3:PutBucketAcl"),
    LIST_OBJECTS("s3:ListBucket"),
    LIST_OBJECTS_V2("s3:ListBucket"),
    LIST_OBJECT_VERSIONS("s3:ListBucketVersions"),
    DELETE_OBJECTS("s3:DeleteObject"),
    PUT_OBJECT("s3:PutObject"),
    COPY_OBJECT("s3:PutObject"),
    GET_OBJECT("s3:GetObject"),
    HEAD_OBJECT("s3:GetObject"),
    DELETE_OBJECT("s3:DeleteObject"),
    GET_OBJECT_ACL("s3:GetObjectAcl"),
    PUT_OBJECT_ACL("s3:PutObjectAcl"),
    CREATE_MULTIPART_UPLOAD("s3:PutObject"),
    UPLOAD_PART("s3:PutObject"),
    UPLOAD_PART_COPY("s3:PutObject"),
    COMPLETE_MULTIPART_UPLOAD("s3:PutObject"),
    ABORT_MULTIPART_UPLOAD("s3:AbortMultipartUpload"),
    LIST_MULTIPART_UPLOADS("s3:ListBucketMultipartUploads"),
    LIST_PARTS("s3:ListMultipartUploadParts");

    private final String action;

    S3Operation(String action) {
        this.action = action;
    }

    public String action() {
        return action;
    }
}
