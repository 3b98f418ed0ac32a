package io.stowage.engine.model;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An object version with its bytes open for reading. For a blob the channel stays readable even
 * if the object is overwritten or deleted meanwhile; the caller must close it.
 */
public record OpenedObject(ObjectVersion version, FileChannel channel) implements AutoCloseable {

    /** The inline bytes, or null when the body is a blob read through {@link #channel}. */
    public byte[] inlineData() {
        return version.body() instanceof ObjectBody.Inline inline ? inline.data() : null;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
