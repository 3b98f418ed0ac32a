package io.stowage.s3.sse;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Random access to stored ciphertext. {@code FileChannel::read} is one ({@code channel::read});
 * {@link #of(byte[])} covers bodies held in memory (inline bodies).
 */
@FunctionalInterface
public interface CiphertextSource {

    /**
     * Reads bytes starting at {@code position} into {@code dst}, as {@link java.nio.channels.FileChannel#read(ByteBuffer, long)}.
     *
     * @return the number of bytes read, possibly 0, or -1 at or past the end
     */
    int read(ByteBuffer dst, long position) throws IOException;

    static CiphertextSource of(byte[] bytes) {
        return (dst, position) -> {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            return n;
        };
    }
}
