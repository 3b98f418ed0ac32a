package io.stowage.s3.sse;

/**
 * How an encrypted body is laid out: a 32-byte random salt, then the plaintext cut into segments
 * of {@code segmentSize} bytes (the last one shorter, or empty for an empty body), each followed
 * by its 16-byte GCM tag. Every body has at least one segment so that even an empty body is
 * authenticated.
 */
public record SegmentLayout(int segmentSize) {

    public static final int DEFAULT_SEGMENT_SIZE = 64 * 1024;
    public static final int MAX_SEGMENT_SIZE = 16 * 1024 * 1024;
    public static final SegmentLayout DEFAULT = new SegmentLayout(DEFAULT_SEGMENT_SIZE);

    static final int SALT_LENGTH = 32;
    static final int TAG_LENGTH = 16;

    public SegmentLayout {
        if (segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segment size " + segmentSize + " outside 1.." + MAX_SEGMENT_SIZE);
        }
    }

    /** The stored length of a body of {@code plaintextLength} bytes; -1 (unknown) stays -1. */
    public long ciphertextLength(long plaintextLength) {
        if (plaintextLength == -1) {
            return -1;
        }
        if (plaintextLength < 0) {
            throw new IllegalArgumentException("negative length " + plaintextLength);
        }
        return SALT_LENGTH + plaintextLength + segmentCount(plaintextLength) * TAG_LENGTH;
    }

    /**
     * The plaintext length of a stored body of {@code ciphertextLength} bytes.
     *
     * @throws CiphertextIntegrityException when no plaintext length encrypts to that length
     */
    public long plaintextLength(long ciphertextLength) throws CiphertextIntegrityException {
        long sealed = ciphertextLength - SALT_LENGTH;
        if (sealed >= TAG_LENGTH) {
            long segments = (sealed + segmentSize + TAG_LENGTH - 1) / (segmentSize + TAG_LENGTH);
            long plaintext = sealed - segments * TAG_LENGTH;
            if (plaintext >= 0 && ciphertextLength(plaintext) == ciphertextLength) {
                return plaintext;
            }
        }
        throw new CiphertextIntegrityException("no plaintext length encrypts to " + ciphertextLength + " bytes");
    }

    long segmentCount(long plaintextLength) {
        return plaintextLength == 0 ? 1 : (plaintextLength + segmentSize - 1) / segmentSize;
    }

    /** Where segment {@code index} starts in the stored body. */
    long ciphertextOffset(long index) {
        return SALT_LENGTH + index * (segmentSize + TAG_LENGTH);
    }

    /** The plaintext length of segment {@code index} of a body of {@code plaintextLength} bytes. */
    int plaintextLengthOf(long index, long plaintextLength) {
        return (int) Math.min(segmentSize, plaintextLength - index * segmentSize);
    }
}
