package io.stowage.engine.error;

public final class NoSuchUploadException extends EngineException {

    public NoSuchUploadException(String resource) {
        super("The specified upload does not exist", resource);
    }
}
