package io.stowage.bench.load.http;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal HTTP/1.1 response parser: the status line, the few headers the load generator needs
 * (Content-Length, Transfer-Encoding, Connection, ETag), then a body delimited by Content-Length,
 * by chunks or by the end of the connection. Body bytes are counted and skipped in place unless
 * the caller keeps them. Bytes may arrive split anywhere. One response at a time; not thread-safe.
 */
final class ResponseParser {

    private static final int MAX_LINE = 64 * 1024;
    /** A kept body (a list page, an error document) larger than this is an error. */
    private static final int MAX_KEPT_BODY = 64 * 1024 * 1024;

    private enum State { STATUS_LINE, HEADER, BODY, CHUNK_SIZE, CHUNK, CHUNK_END, TRAILER, UNTIL_CLOSE, DONE }

    private byte[] line = new byte[256];
    private int lineLength;
    private State state = State.DONE;
    private Expect expect;
    private boolean keepBody;
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private String etag;
    private long remaining;
    private long bodyLength;
    private byte[] kept;
    private int keptLength;
    private String error;

    /** Prepares for the response to a new request. */
    void start(Expect expect) {
        this.expect = expect;
        state = State.STATUS_LINE;
        lineLength = 0;
        error = null;
        close = false;
        etag = null;
        bodyLength = 0;
        kept = null;
        keptLength = 0;
        resetHead();
    }

    private void resetHead() {
        status = 0;
        contentLength = -1;
        chunked = false;
        keepBody = expect.keepBody();
    }

    /**
     * Reads the bytes of {@code in} that belong to the response; true once the response is over,
     * complete or malformed (see {@link #response()}). Bytes after its end are left in {@code in}.
     */
    boolean feed(ByteBuf in) {
        while (state != State.DONE && in.isReadable()) {
            switch (state) {
                case BODY, CHUNK -> body(in);
                case UNTIL_CLOSE -> bodyBytes(in, in.readableBytes());
                default -> {
                    if (readLine(in)) {
                        line();
                        lineLength = 0;
                    }
                }
            }
        }
        return state == State.DONE;
    }

    /** The response, once {@link #feed} or {@link #closed} has returned it. */
    Response response() {
        byte[] body = kept == null ? null : keptLength == kept.length ? kept : Arrays.copyOf(kept, keptLength);
        return new Response(status, contentLength, bodyLength, etag, body, error);
    }

    /** Whether the connection cannot carry another request after this response. */
    boolean closeAfter() {
        return close;
    }

    /** The connection ended while the response was expected: complete only if the body runs to the end. */
    Response closed() {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            return response();
        }
        String where = switch (state) {
            case STATUS_LINE -> "before a response";
            case HEADER -> "in the response headers";
            case BODY -> "after " + bodyLength + " of " + contentLength + " body bytes";
            default -> "in a chunked body, after " + bodyLength + " bytes";
        };
        fail("connection closed " + where);
        return response();
    }

    private boolean readLine(ByteBuf in) {
        int from = in.readerIndex();
        int lf = in.indexOf(from, in.writerIndex(), (byte) '\n');
        int n = (lf < 0 ? in.writerIndex() : lf) - from;
        if (lineLength + n > MAX_LINE) {
            fail("a header line over " + MAX_LINE + " bytes");
            return false;
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + n, line.length * 2));
        }
        in.readBytes(line, lineLength, n);
        lineLength += n;
        if (lf < 0) {
            return false;
        }
        in.skipBytes(1);
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private void line() {
        switch (state) {
            case STATUS_LINE -> statusLine();
            case HEADER -> {
                if (lineLength == 0) {
                    endOfHead();
                } else {
                    header();
                }
            }
            case CHUNK_SIZE -> chunkSize();
            case CHUNK_END -> {
                if (lineLength != 0) {
                    fail("no line end after a chunk");
                } else {
                    state = State.CHUNK_SIZE;
                }
            }
            case TRAILER -> {
                if (lineLength == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** "HTTP/1.1 200 OK" (the reason may be empty or missing). */
    private void statusLine() {
        boolean ok = lineLength >= 12 && startsWith("HTTP/1.") && line[8] == ' '
                && (lineLength == 12 || line[12] == ' ');
        int code = 0;
        for (int i = 9; ok && i < 12; i++) {
            ok = line[i] >= '0' && line[i] <= '9';
            code = code * 10 + line[i] - '0';
        }
        if (!ok) {
            fail("malformed status line: " + text(0, Math.min(lineLength, 100)));
            return;
        }
        status = code;
        state = State.HEADER;
    }

    private void header() {
        int colon = indexOf((byte) ':');
        if (colon <= 0) {
            fail("malformed header line: " + text(0, Math.min(lineLength, 100)));
            return;
        }
        int from = colon + 1;
        int to = lineLength;
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        if (nameIs(colon, "content-length")) {
            long value = decimal(from, to);
            if (value < 0 || contentLength >= 0 && value != contentLength) {
                fail("bad Content-Length: " + text(from, to));
            } else {
                contentLength = value;
            }
        } else if (nameIs(colon, "transfer-encoding")) {
            if (endsWithIgnoreCase(from, to, "chunked")) {
                chunked = true;
            } else {
                fail("unsupported Transfer-Encoding: " + text(from, to));
            }
        } else if (nameIs(colon, "connection")) {
            close |= containsIgnoreCase(from, to, "close");
        } else if (nameIs(colon, "etag") && expect.etag()) {
            etag = text(from, to);
        }
    }

    private void endOfHead() {
        if (status < 200) {
            // an interim response (100 Continue): the final one follows
            resetHead();
            state = State.STATUS_LINE;
            return;
        }
        if (status >= 300) {
            keepBody = true; // for the error message
        }
        if (!expect.body() || status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = remaining == 0 ? State.DONE : State.BODY;
        } else {
            close = true;
            state = State.UNTIL_CLOSE;
        }
    }

    private void chunkSize() {
        long size = 0;
        int i = 0;
        for (; i < lineLength && i < 16; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0) {
                break;
            }
            size = size << 4 | digit;
        }
        boolean extensionOrEnd = i == lineLength || line[i] == ';' || line[i] == ' ' || line[i] == '\t';
        if (i == 0 || i == 16 || !extensionOrEnd) {
            fail("malformed chunk size: " + text(0, Math.min(lineLength, 100)));
            return;
        }
        if (size == 0) {
            state = State.TRAILER;
        } else {
            remaining = size;
            state = State.CHUNK;
        }
    }

    private void body(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        bodyBytes(in, n);
        remaining -= n;
        if (remaining == 0 && state != State.DONE) {
            state = state == State.BODY ? State.DONE : State.CHUNK_END;
        }
    }

    private void bodyBytes(ByteBuf in, int n) {
        bodyLength += n;
        if (!keepBody) {
            in.skipBytes(n);
            return;
        }
        if (keptLength + (long) n > MAX_KEPT_BODY) {
            fail("a body over " + MAX_KEPT_BODY + " bytes to keep");
            return;
        }
        if (kept == null || keptLength + n > kept.length) {
            int hint = contentLength > 0 && contentLength <= MAX_KEPT_BODY ? (int) contentLength : 0;
            kept = Arrays.copyOf(kept == null ? new byte[0] : kept, Math.max(hint, Math.max(keptLength + n, keptLength * 2)));
        }
        in.readBytes(kept, keptLength, n);
        keptLength += n;
    }

    private void fail(String why) {
        error = why;
        close = true;
        state = State.DONE;
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte b) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the header name, {@code line[0, end)}, is {@code lowerName} in any case. */
    private boolean nameIs(int end, String lowerName) {
        return end == lowerName.length() && regionMatchesIgnoreCase(0, lowerName);
    }

    private boolean endsWithIgnoreCase(int from, int to, String lower) {
        return to - from >= lower.length() && regionMatchesIgnoreCase(to - lower.length(), lower);
    }

    private boolean containsIgnoreCase(int from, int to, String lower) {
        for (int i = from; i + lower.length() <= to; i++) {
            if (regionMatchesIgnoreCase(i, lower)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionMatchesIgnoreCase(int at, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            int c = line[at + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number in {@code line[from, to)}, or -1. */
    private long decimal(int from, int to) {
        if (from == to || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return -1;
            }
            value = value * 10 + line[i] - '0';
        }
        return value;
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
