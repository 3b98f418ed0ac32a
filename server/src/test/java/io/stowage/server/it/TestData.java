package io.stowage.server.it;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Deterministic test bodies, generated as streams so large ones never sit in memory. */
final class TestData {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private TestData() {
    }

    static String bucketName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** A stream of {@code size} pseudo-random bytes from {@code seed}. */
    static InputStream stream(long size, long seed) {
        return new InputStream() {
            private final Random random = new Random(seed);
            private final byte[] block = new byte[8192];
            private int blockPos = block.length;
            private long remaining = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (remaining == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, remaining);
                for (int i = 0; i < n; i++) {
                    if (blockPos == block.length) {
                        random.nextBytes(block);
                        blockPos = 0;
                    }
                    b[off + i] = block[blockPos++];
                }
                remaining -= n;
                return n;
            }
        };
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
