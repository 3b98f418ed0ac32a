package io.stowage.s3.sse;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The random AES-256 key of one object (or multipart upload); stored only wrapped in its {@link Envelope}. */
final class DataKey {

    static final int LENGTH = 32;

    private final SecretKey key;

    private DataKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
    }

    static DataKey generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return fromBytes(bytes);
    }

    /** Takes over {@code bytes} and zeroes the array. */
    static DataKey fromBytes(byte[] bytes) {
        try {
            if (bytes.length != LENGTH) {
                throw new IllegalArgumentException("a data key has " + LENGTH + " bytes, not " + bytes.length);
            }
            return new DataKey(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    SecretKey secret() {
        return key;
    }

    @Override
    public String toString() {
        return "DataKey[AES-256, redacted]";
    }
}
