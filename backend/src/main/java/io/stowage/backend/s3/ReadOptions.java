package io.stowage.backend.s3;

/**
 * What a GetObject or HeadObject asks for beyond the key: a byte range or one part of a multipart object (not
 * both), and whether the server should answer the object's stored checksums ({@code x-amz-checksum-mode: ENABLED}).
 *
 * @param first the range's first byte, or -1 for the whole object
 * @param last the range's last byte (inclusive), or -1 for "to the end"
 * @param partNumber the part to read (from 1), or 0 for none
 */
public record ReadOptions(long first, long last, int partNumber, boolean checksums) {

    private static final ReadOptions WHOLE = new ReadOptions(-1, -1, 0, false);

    public ReadOptions {
        if (first < -1 || last < -1 || (first == -1 && last != -1) || (last != -1 && last < first)) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
        if (partNumber < 0 || partNumber > 10_000) {
            throw new IllegalArgumentException("a part number is 1 to 10000, not " + partNumber);
        }
        if (partNumber > 0 && first != -1) {
            throw new IllegalArgumentException("a read asks for a range or a part, not both");
        }
    }

    /** The whole object, without checksums. */
    public static ReadOptions whole() {
        return WHOLE;
    }

    /** Bytes {@code first} to the end of the object. */
    public static ReadOptions from(long first) {
        return new ReadOptions(first, -1, 0, false);
    }

    /** Bytes {@code first} to {@code last}, both included. */
    public static ReadOptions range(long first, long last) {
        return new ReadOptions(first, last, 0, false);
    }

    /** Part {@code partNumber} of a multipart object (an object that is not multipart has one part). */
    public static ReadOptions part(int partNumber) {
        if (partNumber < 1) {
            throw new IllegalArgumentException("a part number is 1 to 10000, not " + partNumber);
        }
        return new ReadOptions(-1, -1, partNumber, false);
    }

    /** The same read, with the object's (or the part's) stored checksums asked for. */
    public ReadOptions withChecksums() {
        return new ReadOptions(first, last, partNumber, true);
    }

    /** The Range header's value, or null when the read is not a range. */
    String rangeHeader() {
        return first == -1 ? null : "bytes=" + first + "-" + (last == -1 ? "" : Long.toString(last));
    }
}
