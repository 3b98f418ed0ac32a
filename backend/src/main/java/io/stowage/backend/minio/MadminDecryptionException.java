package io.stowage.backend.minio;

/** A madmin-encrypted body that cannot be decrypted: wrong password, altered, truncated or not in the format. */
public final class MadminDecryptionException extends RuntimeException {

    public MadminDecryptionException(String message) {
        super(message);
    }

    public MadminDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
