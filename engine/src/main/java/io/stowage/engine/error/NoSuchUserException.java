package io.stowage.engine.error;

public final class NoSuchUserException extends EngineException {

    public NoSuchUserException(String resource) {
        super("The user does not exist", resource);
    }
}
