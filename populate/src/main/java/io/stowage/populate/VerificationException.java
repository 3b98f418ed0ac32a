package io.stowage.populate;

/** The bytes received are not the object's: a wrong size, checksum or ETag. Worth another download. */
final class VerificationException extends Exception {

    VerificationException(String message) {
        super(message);
    }
}
