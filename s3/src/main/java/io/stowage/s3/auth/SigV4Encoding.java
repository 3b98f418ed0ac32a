package io.stowage.s3.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The percent-decoding and strict re-encoding SigV4 applies to paths and query components. */
final class SigV4Encoding {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private SigV4Encoding() {
    }

    /**
     * The canonical URI of a raw request path: decoded then strictly re-encoded, '/' (also an
     * encoded one) kept, nothing normalized. An empty path is "/".
     */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return reencode(rawPath, true);
    }

    /** A query name or value, decoded ('+' stays '+') then strictly re-encoded. */
    static String canonicalComponent(String raw) {
        return reencode(raw, false);
    }

    /** A query name or value decoded to text ('+' stays '+'). */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int escaped = escapedByte(bytes, i);
            if (escaped >= 0) {
                out.write(escaped);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String reencode(String raw, boolean keepSlash) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (keepSlash && b == '/') {
                out.append('/');
                continue;
            }
            int escaped = escapedByte(bytes, i);
            if (escaped >= 0) {
                b = escaped;
                i += 2;
            }
            if (keepSlash && b == '/') {
                // An encoded slash in a key (the AWS SDKs send "//" as "/%2F") is signed as a plain slash.
                out.append('/');
                continue;
            }
            appendEncoded(out, b);
        }
        return out.toString();
    }

    /** The byte a valid "%XX" escape at {@code i} stands for, or -1 if there is none (a stray '%' stays literal). */
    private static int escapedByte(byte[] bytes, int i) {
        if (bytes[i] != '%' || i + 2 >= bytes.length) {
            return -1;
        }
        int high = Character.digit(bytes[i + 1], 16);
        int low = Character.digit(bytes[i + 2], 16);
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static void appendEncoded(StringBuilder out, int b) {
        if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
                || b == '-' || b == '_' || b == '.' || b == '~') {
            out.append((char) b);
        } else {
            out.append('%').append(UPPER_HEX[b >>> 4]).append(UPPER_HEX[b & 0xf]);
        }
    }
}
