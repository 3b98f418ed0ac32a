package io.stowage.s3.handler;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;

/**
 * A resolved single byte range of an object.
 *
 * @param first the first byte, inclusive
 * @param last the last byte, inclusive
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Resolves a Range header against the object size: null (serve the whole object) when the
     * header is absent, malformed or asks for several ranges, as RFC 9110 allows a server to do.
     *
     * @throws S3Exception InvalidRange when a well-formed range starts past the end
     */
    public static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String spec = header.trim();
        if (!spec.startsWith("bytes=") || spec.indexOf(',') >= 0) {
            return null;
        }
        spec = spec.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw unsatisfiable(size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            Long last = b.isEmpty() ? null : Long.parseLong(b);
            if (first < 0 || (last != null && last < first)) {
                return null;
            }
            if (first >= size) {
                throw unsatisfiable(size);
            }
            if (last == null) {
                return new ByteRange(first, size - 1);
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static S3Exception unsatisfiable(long size) {
        return new S3Exception(S3ErrorCode.InvalidRange, "The requested range is not satisfiable (object size " + size + ")");
    }
}
