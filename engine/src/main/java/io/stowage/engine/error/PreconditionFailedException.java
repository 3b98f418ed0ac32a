package io.stowage.engine.error;

public final class PreconditionFailedException extends EngineException {

    public PreconditionFailedException(String resource) {
        super("At least one of the preconditions you specified did not hold", resource);
    }
}
