package io.stowage.engine.error;

public final class BucketNotEmptyException extends EngineException {

    public BucketNotEmptyException(String resource) {
        super("The bucket you tried to delete is not empty", resource);
    }
}
