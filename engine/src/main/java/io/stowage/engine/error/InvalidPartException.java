package io.stowage.engine.error;

public final class InvalidPartException extends EngineException {

    public InvalidPartException(String resource) {
        super("One or more of the specified parts could not be found", resource);
    }
}
