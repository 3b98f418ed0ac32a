package io.stowage.s3.checksum;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones), table-driven
 * with slicing-by-8.
 */
final class Crc64NvmeDigest implements ChecksumDigest {

    private static final long POLY = 0x9A6C9329AC4BC9B5L;
    private static final long[][] TABLES = buildTables();

    private long crc = -1L;

    @Override
    public void update(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        long c = crc;
        long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
        long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
        int i = offset;
        int end = offset + length;
        for (; end - i >= 8; i += 8) {
            long x = c ^ littleEndianLong(bytes, i);
            c = t7[(int) x & 0xff]
                    ^ t6[(int) (x >>> 8) & 0xff]
                    ^ t5[(int) (x >>> 16) & 0xff]
                    ^ t4[(int) (x >>> 24) & 0xff]
                    ^ t3[(int) (x >>> 32) & 0xff]
                    ^ t2[(int) (x >>> 40) & 0xff]
                    ^ t1[(int) (x >>> 48) & 0xff]
                    ^ t0[(int) (x >>> 56)];
        }
        for (; i < end; i++) {
            c = t0[(int) (c ^ bytes[i]) & 0xff] ^ (c >>> 8);
        }
        crc = c;
    }

    @Override
    public void update(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int length = buffer.remaining();
            update(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
            buffer.position(buffer.position() + length);
            return;
        }
        long c = crc;
        while (buffer.hasRemaining()) {
            c = TABLES[0][(int) (c ^ buffer.get()) & 0xff] ^ (c >>> 8);
        }
        crc = c;
    }

    @Override
    public byte[] digest() {
        long value = ~crc;
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    private static long littleEndianLong(byte[] b, int i) {
        return (b[i] & 0xffL)
                | (b[i + 1] & 0xffL) << 8
                | (b[i + 2] & 0xffL) << 16
                | (b[i + 3] & 0xffL) << 24
                | (b[i + 4] & 0xffL) << 32
                | (b[i + 5] & 0xffL) << 40
                | (b[i + 6] & 0xffL) << 48
                | (b[i + 7] & 0xffL) << 56;
    }

    private static long[][] buildTables() {
        long[][] tables = new long[8][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            tables[0][n] = c;
        }
        for (int t = 1; t < 8; t++) {
            for (int n = 0; n < 256; n++) {
                long previous = tables[t - 1][n];
                tables[t][n] = (previous >>> 8) ^ tables[0][(int) previous & 0xff];
            }
        }
        return tables;
    }
}
