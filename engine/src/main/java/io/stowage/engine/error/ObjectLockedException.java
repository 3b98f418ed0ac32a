package io.stowage.engine.error;

/** A delete or retention change that an object version's retention or legal hold forbids. */
public final class ObjectLockedException extends EngineException {

    public ObjectLockedException(String message, String resource) {
        super(message, resource);
    }
}
