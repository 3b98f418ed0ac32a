package io.stowage.kube.pvci;

/** A request the API answers with an error status and a message (JSON {@code {"error": ...}}). */
public final class PvciException extends Exception {

    private final int status;

    public PvciException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
