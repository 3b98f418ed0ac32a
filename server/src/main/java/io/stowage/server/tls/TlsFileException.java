package io.stowage.server.tls;

import java.io.IOException;
import java.nio.file.Path;

/** A certificate or key file that is missing, unreadable, malformed or does not fit the others. */
public final class TlsFileException extends IOException {

    private final transient Path file;

    TlsFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    TlsFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
