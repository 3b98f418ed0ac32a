package io.stowage.backend.s3;

import java.io.IOException;
import java.io.InputStream;

/**
 * A GetObject answer whose body is read as it arrives, never held whole in memory. Close it, also when the body
 * is not read to its end, so that the connection is released.
 */
public record ObjectStream(ObjectHead head, InputStream body) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        body.close();
    }
}
