package io.stowage.engine.error;

/** A change the bucket's configuration rules out, such as suspending versioning where object lock is enabled. */
public final class InvalidBucketStateException extends EngineException {

    public InvalidBucketStateException(String message, String resource) {
        super(message, resource);
    }
}
