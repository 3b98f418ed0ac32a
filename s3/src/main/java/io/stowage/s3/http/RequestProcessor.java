package io.stowage.s3.http;

import java.io.InputStream;

/** Turns one request into one response. Called on a virtual thread; may block. */
public interface RequestProcessor {

    /** Never throws: every failure becomes an error response. */
    S3Response process(IncomingRequest request, InputStream body);

    /** The response for a request the HTTP decoder could not parse. */
    S3Response malformedRequest(String reason);
}
