package io.stowage.bench.limits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.SplittableRandom;

/** The 4 KiB of random bytes that a sync probe writes per operation. */
final class Block {

    static final int SIZE = 4096;

    private final byte[] bytes = new byte[SIZE];

    Block(long seed) {
        new SplittableRandom(seed).nextBytes(bytes);
    }

    void writeTo(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
