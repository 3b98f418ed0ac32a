package io.stowage.s3.checksum;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/** A 32-bit JDK CRC (CRC32 or CRC32C) whose value is returned as 4 big-endian bytes. */
final class Crc32BitDigest implements ChecksumDigest {

    private final Checksum crc;

    Crc32BitDigest(Checksum crc) {
        this.crc = crc;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        crc.update(bytes, offset, length);
    }

    @Override
    public void update(ByteBuffer buffer) {
        crc.update(buffer);
    }

    @Override
    public byte[] digest() {
        int value = (int) crc.getValue();
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
