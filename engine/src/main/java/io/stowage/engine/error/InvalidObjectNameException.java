package io.stowage.engine.error;

public final class InvalidObjectNameException extends EngineException {

    public InvalidObjectNameException(String resource) {
        super("The object key is not valid", resource);
    }
}
