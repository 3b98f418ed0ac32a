package io.stowage.s3.sse;

import java.io.IOException;

/**
 * The master key store cannot be used: a key file is damaged or readable by others, the directory
 * is not private, or an envelope names a key the store does not hold. Never carries key bytes.
 */
public final class MasterKeyStoreException extends IOException {

    public MasterKeyStoreException(String message) {
        super(message);
    }
}
