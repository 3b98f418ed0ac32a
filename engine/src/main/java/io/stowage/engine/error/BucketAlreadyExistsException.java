package io.stowage.engine.error;

public final class BucketAlreadyExistsException extends EngineException {

    public BucketAlreadyExistsException(String resource) {
        super("The requested bucket name is not available", resource);
    }
}
