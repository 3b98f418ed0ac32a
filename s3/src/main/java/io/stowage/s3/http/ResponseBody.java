package io.stowage.s3.http;

import java.nio.channels.FileChannel;

/** The body of a response: nothing, a small byte array, or a slice of a file sent without copying. */
public sealed interface ResponseBody {

    Empty EMPTY = new Empty();

    record Empty() implements ResponseBody {
    }

    record Bytes(byte[] data, int offset, int length) implements ResponseBody {
        public Bytes(byte[] data) {
            this(data, 0, data.length);
        }
    }

    /** The channel is closed by the HTTP layer once sent (or on failure). */
    record FileSlice(FileChannel channel, long position, long length) implements ResponseBody {
    }
}
