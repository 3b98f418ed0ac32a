package io.stowage.populate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The checksum algorithms S3 stores (x-amz-checksum-*), computed over bytes as they are written. */
enum ContentChecksum {
    CRC32, CRC32C, CRC64NVME, SHA1, SHA256;

    /** A running checksum, fed in order; {@link #base64()} is the value as S3 sends it. */
    interface Running {
        void update(byte[] bytes, int offset, int length);

        String base64();
    }

    /** The algorithm of a lower-case name as in {@code x-amz-checksum-NAME}, if it is one. */
    static Optional<ContentChecksum> named(String name) {
        for (ContentChecksum algorithm : values()) {
            if (algorithm.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    Running start() {
        return switch (this) {
            case CRC32 -> crc(new CRC32(), 4);
            case CRC32C -> crc(new CRC32C(), 4);
            case CRC64NVME -> crc(new Crc64Nvme(), 8);
            case SHA1 -> digest("SHA-1");
            case SHA256 -> digest("SHA-256");
        };
    }

    private static Running crc(Checksum checksum, int bytes) {
        return new Running() {
            @Override
            public void update(byte[] data, int offset, int length) {
                checksum.update(data, offset, length);
            }

            @Override
            public String base64() {
                long value = checksum.getValue();
                byte[] out = new byte[bytes];
                for (int i = bytes - 1; i >= 0; i--) {
                    out[i] = (byte) value;
                    value >>>= 8;
                }
                return Base64.getEncoder().encodeToString(out);
            }
        };
    }

    private static Running digest(String algorithm) {
        MessageDigest digest = messageDigest(algorithm);
        return new Running() {
            @Override
            public void update(byte[] data, int offset, int length) {
                digest.update(data, offset, length);
            }

            @Override
            public String base64() {
                return Base64.getEncoder().encodeToString(digest.digest());
            }
        };
    }

    static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }
}
