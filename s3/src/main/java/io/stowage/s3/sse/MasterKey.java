package io.stowage.s3.sse;

import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** One master key of the {@link MasterKeyStore}: wraps the data keys of SSE-S3 objects. */
public final class MasterKey {

    static final int LENGTH = 32;

    private final int id;
    private final SecretKey key;

    /** Takes over {@code bytes} and zeroes the array. */
    MasterKey(int id, byte[] bytes) {
        try {
            if (id < 1) {
                throw new IllegalArgumentException("master key ids start at 1, not " + id);
            }
            if (bytes.length != LENGTH) {
                throw new IllegalArgumentException("a master key has " + LENGTH + " bytes, not " + bytes.length);
            }
            this.id = id;
            this.key = new SecretKeySpec(bytes, "AES");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public int id() {
        return id;
    }

    SecretKey secret() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + ", redacted]";
    }
}
