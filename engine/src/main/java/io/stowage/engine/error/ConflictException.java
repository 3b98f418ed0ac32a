package io.stowage.engine.error;

/** A create that names an existing resource with other parameters, or a change the current state forbids. */
public final class ConflictException extends EngineException {

    public ConflictException(String message, String resource) {
        super(message, resource);
    }
}
