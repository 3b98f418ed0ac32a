package io.stowage.engine.error;

/** The store itself failed (I/O, RocksDB). Never the client's fault. */
public final class StorageException extends EngineException {

    public StorageException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
