package io.stowage.engine.error;

public final class NoSuchKeyException extends EngineException {

    public NoSuchKeyException(String resource) {
        super("The specified key does not exist", resource);
    }
}
