package io.stowage.engine.error;

public final class NoSuchBucketException extends EngineException {

    public NoSuchBucketException(String resource) {
        super("The specified bucket does not exist", resource);
    }
}
