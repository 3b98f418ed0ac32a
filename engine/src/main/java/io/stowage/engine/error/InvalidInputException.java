package io.stowage.engine.error;

/** A command argument the engine refuses (a malformed user name, a short secret). */
public final class InvalidInputException extends EngineException {

    public InvalidInputException(String message, String resource) {
        super(message, resource);
    }
}
