package io.stowage.engine.model;

/**
 * Documents a bucket carries besides its objects, stored as given (text) and interpreted by the
 * layer that owns their format (the S3 layer for XML, the policy language for JSON). LIFECYCLE is
 * the bucket's lifecycle configuration; LIFECYCLE_CURSOR is where the server's lifecycle worker
 * stopped in the bucket, so a restart resumes there.
 */
public enum BucketConfigKind {
    POLICY, ACL, OWNERSHIP_CONTROLS, PUBLIC_ACCESS_BLOCK, CORS, TAGGING, WEBSITE, OBJECT_LOCK, LIFECYCLE, LIFECYCLE_CURSOR,
    ENCRYPTION
}
