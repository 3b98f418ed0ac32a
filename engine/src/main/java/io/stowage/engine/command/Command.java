package io.stowage.engine.command;

/**
 * A mutation of engine state. Commands carry every input the state change needs (timestamps,
 * ids, body references), so applying the same command on another replica gives the same state.
 *
 * @param <R> what applying the command returns
 */
public sealed interface Command<R> permits CreateBucket, DeleteBucket, PutObject, DeleteObject,
        CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, CreateUser, DeleteUser,
        CreateAccessKey, SetAccessKeyStatus, DeleteAccessKey, PutGrant, DeleteGrant, SetBucketOwner, SetBucketQuota,
        PutBucketConfig, DeleteBucketConfig, SetObjectAcl, SetBucketVersioning, SetObjectRetention, SetObjectLegalHold, SetObjectTags,
        SetPrefixQuota, DeletePrefixQuota {
}
