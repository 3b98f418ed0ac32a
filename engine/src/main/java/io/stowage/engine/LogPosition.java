package io.stowage.engine;

import java.nio.ByteBuffer;

/** A position in a replicated log: the term and index of an entry. */
public record LogPosition(long term, long index) {

    public byte[] encode() {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(term).putLong(index).array();
    }

    public static LogPosition decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new LogPosition(buffer.getLong(), buffer.getLong());
    }
}
