package io.stowage.s3.handler;

import io.stowage.engine.error.BucketAlreadyExistsException;
import io.stowage.engine.error.BucketAlreadyOwnedByYouException;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.error.InvalidObjectNameException;
import io.stowage.engine.error.InvalidPartException;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.error.StorageException;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;

/** The one place engine failures become S3 errors. StorageException is an internal error, never the client's. */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    /** @return the S3 error, or null for failures that must be reported as InternalError */
    public static S3Exception toS3(EngineException e) {
        S3ErrorCode code = switch (e) {
            case NoSuchBucketException x -> S3ErrorCode.NoSuchBucket;
            case NoSuchKeyException x -> S3ErrorCode.NoSuchKey;
            case NoSuchVersionException x -> S3ErrorCode.NoSuchVersion;
            case BucketAlreadyExistsException x -> S3ErrorCode.BucketAlreadyExists;
            case BucketAlreadyOwnedByYouException x -> S3ErrorCode.BucketAlreadyOwnedByYou;
            case BucketNotEmptyException x -> S3ErrorCode.BucketNotEmpty;
            case PreconditionFailedException x -> S3ErrorCode.PreconditionFailed;
            case InvalidObjectNameException x -> S3ErrorCode.InvalidArgument;
            case NoSuchUploadException x -> S3ErrorCode.NoSuchUpload;
            case InvalidPartException x -> S3ErrorCode.InvalidPart;
            case StorageException x -> null;
        };
        return code == null ? null : new S3Exception(code, code.defaultMessage(), e.resource());
    }
}
