package io.stowage.s3.sse;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An SSE-C key given by the client with a request. It is never stored: it wraps the object's data
 * key, and only its MD5 is kept (S3 echoes it in x-amz-server-side-encryption-customer-key-MD5).
 */
public final class CustomerKey {

    static final int LENGTH = 32;

    private final SecretKey key;
    private final byte[] md5;

    private CustomerKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
        this.md5 = md5(bytes);
    }

    /**
     * A customer key from its raw 32 bytes; takes over {@code bytes} and zeroes the array.
     *
     * @throws IllegalArgumentException when the key is not 256 bits
     */
    public static CustomerKey of(byte[] bytes) {
        try {
            if (bytes.length != LENGTH) {
                throw new IllegalArgumentException("an SSE-C key has " + LENGTH + " bytes, not " + bytes.length);
            }
            return new CustomerKey(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The base64 MD5 of the key, as the client sends it and as responses echo it. */
    public String md5Base64() {
        return Base64.getEncoder().encodeToString(md5);
    }

    byte[] md5() {
        return md5.clone();
    }

    SecretKey secret() {
        return key;
    }

    static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "CustomerKey[md5=" + md5Base64() + ", redacted]";
    }
}
