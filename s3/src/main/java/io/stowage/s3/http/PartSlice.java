package io.stowage.s3.http;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** One piece of a {@link ResponseBody.Parts} body. */
public sealed interface PartSlice {

    long length();

    /** Bytes already in memory (a small inline part). */
    record Bytes(byte[] data, int offset, long length) implements PartSlice {
        public Bytes {
            if (offset < 0 || length < 0 || offset + length > data.length) {
                throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + data.length + " bytes");
            }
        }
    }

    /** A range of a file that is opened only when its turn to be sent comes. */
    record File(Source source, long position, long length) implements PartSlice {
    }

    /** Opens the file of a slice; the HTTP layer closes the channel once the slice is sent. */
    @FunctionalInterface
    interface Source {
        FileChannel open() throws IOException;
    }
}
