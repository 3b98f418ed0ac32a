package io.stowage.engine.error;

/**
 * The engine cannot serve the request now, but may shortly: a replicated engine without a quorum
 * of its nodes, or without a peer holding bytes this node lacks. Clients should retry.
 */
public final class UnavailableException extends EngineException {

    public UnavailableException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
