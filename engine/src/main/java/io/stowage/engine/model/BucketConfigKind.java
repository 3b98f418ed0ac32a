package io.stowage.engine.model;

/**
 * Documents a bucket carries besides its objects, stored as given (text) and interpreted by the
 * layer that owns their format (the S3 layer for XML, the policy language for JSON).
 */
public enum BucketConfigKind {
    POLICY, ACL, OWNERSHIP_CONTROLS, PUBLIC_ACCESS_BLOCK, CORS, TAGGING, WEBSITE, OBJECT_LOCK
}
