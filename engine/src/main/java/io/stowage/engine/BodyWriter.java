package io.stowage.engine;

import io.stowage.engine.model.ObjectBody;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives the bytes of one object body. {@link #finish} makes them durable and returns the body
 * to reference from a command; {@link #close} without finish discards everything written.
 */
public interface BodyWriter extends AutoCloseable {

    void write(ByteBuffer src) throws IOException;

    long written();

    /** Flushes and fsyncs the bytes (file and directory) and returns the body. */
    ObjectBody finish() throws IOException;

    /** Discards the bytes unless {@link #finish} succeeded. Never throws. */
    @Override
    void close();
}
