package io.stowage.s3.sse;

import java.io.IOException;

/**
 * Stored ciphertext failed authentication: it was corrupted, tampered with, truncated, reordered
 * or read with the wrong key. No plaintext of the failing segment is ever released.
 */
public final class CiphertextIntegrityException extends IOException {

    public CiphertextIntegrityException(String message) {
        super(message);
    }

    public CiphertextIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
