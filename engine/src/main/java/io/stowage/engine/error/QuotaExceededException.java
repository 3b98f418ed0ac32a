package io.stowage.engine.error;

public final class QuotaExceededException extends EngineException {

    public QuotaExceededException(String resource) {
        super("The bucket's quota does not allow this write", resource);
    }
}
