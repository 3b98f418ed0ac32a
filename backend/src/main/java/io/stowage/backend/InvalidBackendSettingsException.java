package io.stowage.backend;

/** A backend Secret that is missing a setting or has a wrong one; the message names it. */
public final class InvalidBackendSettingsException extends RuntimeException {

    public InvalidBackendSettingsException(String message) {
        super(message);
    }
}
