package io.stowage.engine.error;

public final class BucketAlreadyOwnedByYouException extends EngineException {

    public BucketAlreadyOwnedByYouException(String resource) {
        super("The bucket you tried to create already exists, and you own it", resource);
    }
}
