package io.stowage.engine.error;

public final class NoSuchAccessKeyException extends EngineException {

    public NoSuchAccessKeyException(String resource) {
        super("The access key does not exist", resource);
    }
}
