package io.stowage.s3.checksum;

import java.util.Objects;

/**
 * Combines the CRCs of two adjacent byte sequences A and B into the CRC of A||B, knowing only
 * crc(A), crc(B) and the length of B. Works for the reflected CRCs S3 uses (init and xorout all
 * ones): crc(A||B) = crc(A) * x^(8 * len(B)) mod P, xor crc(B), as in zlib's crc32_combine, with
 * x^(8n) built from precomputed powers x^(2^k) in O(log n) multiplications.
 */
public final class CrcCombiner {

    private static final CrcCombiner CRC32 = new CrcCombiner(32, 0xEDB88320L);
    private static final CrcCombiner CRC32C = new CrcCombiner(32, 0x82F63B78L);
    private static final CrcCombiner CRC64NVME = new CrcCombiner(64, 0x9A6C9329AC4BC9B5L);

    /** Enough powers x^(2^k) for any non-negative long byte count times 8. */
    private static final int POWERS = Long.SIZE + 3;

    private final int bytes;
    private final long poly;
    /** In the reflected representation the x^0 coefficient is the highest bit. */
    private final long one;
    private final long[] powersOfTwo = new long[POWERS];

    private CrcCombiner(int width, long poly) {
        this.bytes = width / 8;
        this.poly = poly;
        this.one = 1L << (width - 1);
        long p = one >>> 1; // x^1
        for (int k = 0; k < POWERS; k++) {
            powersOfTwo[k] = p;
            p = multiplyModP(p, p);
        }
    }

    /** The combiner for a CRC algorithm; SHA algorithms cannot be combined. */
    public static CrcCombiner of(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> CRC32;
            case CRC32C -> CRC32C;
            case CRC64NVME -> CRC64NVME;
            case SHA1, SHA256 -> throw new IllegalArgumentException(algorithm + " is not a CRC and cannot be combined");
        };
    }

    /**
     * The CRC of A||B, given the big-endian CRCs of A and B (as {@link ChecksumDigest#digest()}
     * returns them) and the number of bytes in B.
     */
    public byte[] combine(byte[] crcA, byte[] crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("negative length " + lengthB);
        }
        long combined = multiplyModP(xToThe8n(lengthB), toLong(crcA)) ^ toLong(crcB);
        byte[] out = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            out[i] = (byte) combined;
            combined >>>= 8;
        }
        return out;
    }

    private long toLong(byte[] crc) {
        Objects.requireNonNull(crc, "crc");
        if (crc.length != bytes) {
            throw new IllegalArgumentException("expected a " + bytes + "-byte CRC, got " + crc.length + " bytes");
        }
        long value = 0;
        for (byte b : crc) {
            value = value << 8 | (b & 0xffL);
        }
        return value;
    }

    /** a * b mod P, both reflected polynomials. */
    private long multiplyModP(long a, long b) {
        long product = 0;
        for (long m = one; m != 0 && a != 0; m >>>= 1) {
            if ((a & m) != 0) {
                product ^= b;
                a ^= m;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
        }
        return product;
    }

    /** x^(8n) mod P. */
    private long xToThe8n(long n) {
        long p = one;
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiplyModP(powersOfTwo[k], p);
            }
        }
        return p;
    }
}
