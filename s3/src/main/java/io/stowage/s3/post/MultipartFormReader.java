package io.stowage.s3.post;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a multipart/form-data body part by part in bounded memory: a part's headers, then its content as a stream that
 * ends at the next boundary. A part's content must be read (or skipped) before the next part is asked for.
 */
public final class MultipartFormReader {

    /** A part: its form field name (lower-cased), the file name of a file part, its own Content-Type. */
    public record Part(String name, String filename, String contentType, InputStream content) {
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADER_LINES = 16;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private boolean exhausted;
    private boolean started;
    private boolean finished;
    private PartContent current;

    public MultipartFormReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The boundary of a multipart/form-data Content-Type, or null when the type is another one. */
    public static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring("boundary=".length());
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() || value.length() > 70 ? null : value;
            }
        }
        return null;
    }

    /** The next part, or null after the closing boundary. */
    public Part next() throws IOException {
        if (current != null) {
            current.skipRest();
        }
        if (finished) {
            return null;
        }
        if (!started) {
            // the body opens with the boundary itself, without the CRLF before it
            skipPreamble();
            started = true;
        }
        if (afterDelimiterIsClosing()) {
            finished = true;
            return null;
        }
        String name = null;
        String filename = null;
        String contentType = null;
        for (int lines = 0;; lines++) {
            String line = headerLine();
            if (line.isEmpty()) {
                break;
            }
            if (lines == MAX_HEADER_LINES) {
                throw malformed();
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw malformed();
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                name = parameter(value, "name");
                filename = parameter(value, "filename");
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null) {
            throw malformed();
        }
        current = new PartContent();
        return new Part(name.toLowerCase(Locale.ROOT), filename, contentType, current);
    }

    private void skipPreamble() throws IOException {
        byte[] opening = Arrays.copyOfRange(delimiter, 2, delimiter.length);
        fill(opening.length);
        if (limit - position < opening.length || !Arrays.equals(buffer, position, position + opening.length, opening, 0,
                opening.length)) {
            throw malformed();
        }
        position += opening.length;
    }

    /** After a delimiter: "--" closes the body, CRLF starts a part. */
    private boolean afterDelimiterIsClosing() throws IOException {
        fill(2);
        if (limit - position < 2) {
            throw malformed();
        }
        boolean closing = buffer[position] == '-' && buffer[position + 1] == '-';
        boolean crlf = buffer[position] == '\r' && buffer[position + 1] == '\n';
        if (!closing && !crlf) {
            throw malformed();
        }
        position += 2;
        return closing;
    }

    private String headerLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            fill(2);
            if (limit - position < 2) {
                throw malformed();
            }
            if (buffer[position] == '\r' && buffer[position + 1] == '\n') {
                position += 2;
                return line.toString();
            }
            line.append((char) (buffer[position++] & 0xff));
            if (line.length() > MAX_HEADER_LINE) {
                throw malformed();
            }
        }
    }

    /** A parameter of a Content-Disposition value (name="key"), or null. */
    static String parameter(String disposition, String wanted) {
        for (String piece : disposition.split(";")) {
            String p = piece.strip();
            int equals = p.indexOf('=');
            if (equals > 0 && p.substring(0, equals).strip().equalsIgnoreCase(wanted)) {
                String value = p.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Makes at least {@code wanted} bytes available from {@code position}, unless the body ends first. */
    private void fill(int wanted) throws IOException {
        if (limit - position >= wanted || exhausted) {
            return;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < wanted) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                exhausted = true;
                return;
            }
            limit += n;
        }
    }

    private static S3Exception malformed() {
        return new S3Exception(S3ErrorCode.MalformedPOSTRequest);
    }

    /** The content of the current part: ends where the next delimiter starts, and consumes that delimiter. */
    private final class PartContent extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            fill(Math.min(BUFFER, delimiter.length + 1));
            int found = indexOfDelimiter();
            if (found == position) {
                position += delimiter.length;
                ended = true;
                return -1;
            }
            // bytes before a delimiter, or all but a delimiter's length (which may hold its start)
            int safe = found >= 0 ? found : Math.max(position, limit - delimiter.length + 1);
            if (safe == position) {
                if (exhausted) {
                    throw malformed();
                }
                fill(limit - position + 1);
                return read(target, offset, length);
            }
            int n = Math.min(length, safe - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }

        private int indexOfDelimiter() {
            outer:
            for (int i = position; i <= limit - delimiter.length; i++) {
                for (int j = 0; j < delimiter.length; j++) {
                    if (buffer[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }
}
