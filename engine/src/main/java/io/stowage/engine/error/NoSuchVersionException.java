package io.stowage.engine.error;

public final class NoSuchVersionException extends EngineException {

    public NoSuchVersionException(String resource) {
        super("The specified version does not exist", resource);
    }
}
