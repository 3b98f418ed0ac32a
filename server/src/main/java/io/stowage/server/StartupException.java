package io.stowage.server;

import java.io.IOException;

/**
 * The server cannot start for a reason of its surroundings (a port taken, a data directory it may
 * not use), with a message that names the setting involved.
 */
public final class StartupException extends IOException {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
