package io.stowage.s3.handler;

import io.stowage.engine.error.BucketAlreadyExistsException;
import io.stowage.engine.error.BucketAlreadyOwnedByYouException;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.error.InvalidBucketStateException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.ObjectLockedException;
import io.stowage.engine.error.NoSuchAccessKeyException;
import io.stowage.engine.error.NoSuchUserException;
import io.stowage.engine.error.QuotaExceededException;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.error.InvalidObjectNameException;
import io.stowage.engine.error.InvalidPartException;
import io.stowage.engine.error.MalformedPolicyException;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.error.PrefixNotEmptyException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.error.UnavailableException;
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
            case QuotaExceededException x -> S3ErrorCode.QuotaExceeded;
            case MalformedPolicyException x -> S3ErrorCode.MalformedPolicy;
            case ObjectLockedException x -> S3ErrorCode.AccessDenied;
            case InvalidBucketStateException x -> S3ErrorCode.InvalidBucketState;
            case UnavailableException x -> S3ErrorCode.ServiceUnavailable;
            // IAM failures come from admin commands, not from S3 requests: reaching here is a bug
            case NoSuchUserException x -> null;
            case NoSuchAccessKeyException x -> null;
            case ConflictException x -> null;
            case InvalidInputException x -> null;
            case PrefixNotEmptyException x -> null;
            case StorageException x -> null;
        };
        if (code == null) {
            return null;
        }
        // a policy error's own message says what to fix; the others' defaults say all there is
        boolean ownMessage = e instanceof MalformedPolicyException || e instanceof ObjectLockedException
                || e instanceof InvalidBucketStateException || e instanceof UnavailableException;
        String message = ownMessage ? e.getMessage() : code.defaultMessage();
        return new S3Exception(code, message, e.resource());
    }
}
