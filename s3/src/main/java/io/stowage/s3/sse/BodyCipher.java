package io.stowage.s3.sse;

import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Encrypts and decrypts the stored bodies of one object under its data key: the whole object,
 * or each part of a multipart upload separately under its part number. Obtained from
 * {@link Envelopes}.
 */
public final class BodyCipher {

    /** The part number of the body of an object written in one piece. */
    public static final int SINGLE_PART = 0;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataKey dataKey;
    private final SegmentLayout layout;

    BodyCipher(DataKey dataKey, SegmentLayout layout) {
        this.dataKey = dataKey;
        this.layout = layout;
    }

    public SegmentLayout layout() {
        return layout;
    }

    /**
     * The stored bytes of {@code plaintext}, produced as they are read; its length is
     * {@code layout().ciphertextLength(plaintext length)}. A fresh random salt per call gives every
     * body its own key, so re-uploading a part number never reuses a nonce.
     *
     * @param partNumber {@link #SINGLE_PART}, or the part number of an upload's part
     */
    public InputStream encrypt(InputStream plaintext, int partNumber) {
        byte[] salt = new byte[SegmentLayout.SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return new EncryptingInputStream(plaintext, SegmentCipher.forBody(dataKey, salt, checked(partNumber)), salt, layout);
    }

    /**
     * The plaintext bytes [first, first + length) of a stored body of {@code plaintextLength}
     * plaintext bytes. Reads throw {@link CiphertextIntegrityException} for a body that does not
     * authenticate; no byte of a failing segment is returned.
     *
     * @param partNumber the number the body was encrypted under
     * @throws IllegalArgumentException when the range is not within the body
     */
    public InputStream decrypt(CiphertextSource stored, int partNumber, long plaintextLength, long first, long length) {
        return new DecryptingRangeStream(dataKey, checked(partNumber), layout, stored, plaintextLength, first, length);
    }

    private static int checked(int partNumber) {
        if (partNumber < 0) {
            throw new IllegalArgumentException("negative part number " + partNumber);
        }
        return partNumber;
    }

    @Override
    public String toString() {
        return "BodyCipher[" + layout + ", key redacted]";
    }
}
