package io.stowage.s3.http;

import java.io.InputStream;

import java.nio.channels.FileChannel;
import java.util.List;

/**
 * The body of a response: nothing, a small byte array, a slice of a file sent without copying, or
 * slices of several files (the parts of a multipart object) sent one after another.
 */
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

    /**
     * Bytes produced while they are sent (a decrypted object), {@code length} of them, read on the request's thread in
     * chunks; the stream is closed once sent. A read failure cuts the response short and closes the connection.
     */
    record Stream(InputStream in, long length) implements ResponseBody {
    }

    /**
     * Slices sent in order. Each file slice is opened just before it is sent and closed once it
     * is, so at most one file is open per response; if a slice cannot be opened the response is
     * cut short and the connection closed (its headers are already out).
     */
    record Parts(List<PartSlice> slices) implements ResponseBody {

        public Parts {
            slices = List.copyOf(slices);
        }

        public long length() {
            long length = 0;
            for (PartSlice slice : slices) {
                length += slice.length();
            }
            return length;
        }
    }
}
