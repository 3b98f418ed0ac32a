package io.stowage.server.admin;

import io.stowage.engine.error.BucketAlreadyExistsException;
import io.stowage.engine.error.BucketAlreadyOwnedByYouException;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.error.InvalidBucketStateException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.InvalidObjectNameException;
import io.stowage.engine.error.InvalidPartException;
import io.stowage.engine.error.MalformedPolicyException;
import io.stowage.engine.error.NoSuchAccessKeyException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.error.NoSuchUserException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.ObjectLockedException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.error.PrefixNotEmptyException;
import io.stowage.engine.error.QuotaExceededException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.error.UnavailableException;

/** The one place engine failures become admin API errors. StorageException is an internal error, never the client's. */
final class EngineErrorMapper {

    private EngineErrorMapper() {
    }

    /** @return the admin error, or null for failures that must be reported as InternalError */
    static AdminException toAdmin(EngineException e) {
        AdminErrorCode code = switch (e) {
            case NoSuchBucketException x -> AdminErrorCode.NotFound;
            case NoSuchUserException x -> AdminErrorCode.NotFound;
            case NoSuchAccessKeyException x -> AdminErrorCode.NotFound;
            case NoSuchKeyException x -> AdminErrorCode.NotFound;
            case NoSuchVersionException x -> AdminErrorCode.NotFound;
            case NoSuchUploadException x -> AdminErrorCode.NotFound;
            case BucketAlreadyExistsException x -> AdminErrorCode.Conflict;
            case BucketAlreadyOwnedByYouException x -> AdminErrorCode.Conflict;
            case BucketNotEmptyException x -> AdminErrorCode.Conflict;
            case ConflictException x -> AdminErrorCode.Conflict;
            case PreconditionFailedException x -> AdminErrorCode.Conflict;
            case QuotaExceededException x -> AdminErrorCode.Conflict;
            case ObjectLockedException x -> AdminErrorCode.Conflict;
            case InvalidBucketStateException x -> AdminErrorCode.Conflict;
            case PrefixNotEmptyException x -> AdminErrorCode.Conflict;
            case InvalidInputException x -> AdminErrorCode.InvalidRequest;
            case InvalidObjectNameException x -> AdminErrorCode.InvalidRequest;
            case InvalidPartException x -> AdminErrorCode.InvalidRequest;
            case MalformedPolicyException x -> AdminErrorCode.InvalidRequest;
            case UnavailableException x -> AdminErrorCode.Unavailable;
            case StorageException x -> null;
        };
        if (code == null) {
            return null;
        }
        // a policy error's own message says what is wrong and where; the others name their resource after it
        String resource = e instanceof MalformedPolicyException ? null : e.resource();
        return new AdminException(code, resource == null ? e.getMessage() : e.getMessage() + ": " + resource);
    }
}
