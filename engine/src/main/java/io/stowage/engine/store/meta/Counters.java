package io.stowage.engine.store.meta;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The value format of RocksDB's uint64add merge operator: 64-bit little-endian, wrapping. */
final class Counters {

    private Counters() {
    }

    static byte[] encode(long value) {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    static long decode(byte[] value) {
        return value == null ? 0 : ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
