package io.stowage.s3.auth;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A buffered byte source that can also read the short CRLF-terminated lines of aws-chunked framing. */
final class LineSource {

    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] line = new byte[MAX_LINE];
    private int position;
    private int limit;

    LineSource(InputStream in) {
        this.in = in;
    }

    /** Reads up to {@code len} bytes; -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (position == limit) {
            if (len >= buffer.length) {
                return in.read(b, off, len);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    /**
     * The next line without its "\r\n" (a bare "\n" is accepted), or null if the stream ends
     * before any byte of it.
     */
    String readLine() throws IOException {
        int length = 0;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    String text = length == 0 ? bufferedLine(i) : carriedOverLine(length, i);
                    position = i + 1;
                    return text;
                }
            }
            int pending = limit - position;
            checkLength(length + pending);
            System.arraycopy(buffer, position, line, length, pending);
            length += pending;
            position = limit;
            if (!fill()) {
                if (length == 0) {
                    return null;
                }
                throw new S3Exception(S3ErrorCode.IncompleteBody, "The request body ended inside an aws-chunked line");
            }
        }
    }

    /** The line from {@code position} to the '\n' at {@code newline}, all in the buffer. */
    private String bufferedLine(int newline) {
        int end = newline > position && buffer[newline - 1] == '\r' ? newline - 1 : newline;
        return ascii(buffer, position, end - position);
    }

    /** The line whose first {@code length} bytes were carried over into {@link #line}. */
    private String carriedOverLine(int length, int newline) {
        int total = length + newline - position;
        checkLength(total);
        System.arraycopy(buffer, position, line, length, newline - position);
        if (line[total - 1] == '\r') {
            total--;
        }
        return ascii(line, 0, total);
    }

    private static void checkLength(int length) {
        if (length > MAX_LINE) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "aws-chunked framing line is too long");
        }
    }

    void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
