package io.stowage.s3.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A JDK message digest (SHA-1 or SHA-256) as a checksum. */
final class MessageDigestChecksum implements ChecksumDigest {

    private final MessageDigest digest;
    private byte[] result;

    MessageDigestChecksum(String algorithm) {
        try {
            this.digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by the Java platform", e);
        }
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        checkOpen();
        digest.update(bytes, offset, length);
    }

    @Override
    public void update(ByteBuffer buffer) {
        checkOpen();
        digest.update(buffer);
    }

    @Override
    public byte[] digest() {
        if (result == null) {
            result = digest.digest();
        }
        return result.clone();
    }

    private void checkOpen() {
        if (result != null) {
            throw new IllegalStateException("digest already computed");
        }
    }
}
