package io.stowage.engine.error;

/**
 * A typed engine failure. The S3 layer maps each subclass to its S3 error; the resource names
 * the bucket or key concerned.
 */
public abstract sealed class EngineException extends RuntimeException
        permits NoSuchBucketException, NoSuchKeyException, NoSuchVersionException, BucketAlreadyExistsException,
                BucketAlreadyOwnedByYouException, BucketNotEmptyException, PreconditionFailedException,
                InvalidObjectNameException, NoSuchUploadException, InvalidPartException, StorageException,
                NoSuchUserException, NoSuchAccessKeyException, QuotaExceededException, ConflictException,
                InvalidInputException, MalformedPolicyException, ObjectLockedException, InvalidBucketStateException,
                UnavailableException, PrefixNotEmptyException {

    private final String resource;

    protected EngineException(String message, String resource) {
        super(message);
        this.resource = resource;
    }

    protected EngineException(String message, String resource, Throwable cause) {
        super(message, cause);
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }
}
