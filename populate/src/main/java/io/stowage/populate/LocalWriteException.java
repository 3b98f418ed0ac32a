package io.stowage.populate;

import java.io.IOException;

/** Writing below the target directory failed (a full disk, a file where a directory must be): not retried. */
final class LocalWriteException extends Exception {

    LocalWriteException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
