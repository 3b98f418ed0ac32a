package io.stowage.s3.sse;

import java.io.IOException;

/** Stored envelope bytes that are not an envelope this version can read. */
public final class MalformedEnvelopeException extends IOException {

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}
