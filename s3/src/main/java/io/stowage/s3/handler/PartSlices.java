package io.stowage.s3.handler;

import java.util.ArrayList;
import java.util.List;

/** Maps a byte range of a multipart object onto its parts. */
final class PartSlices {

    /**
     * The bytes of one part that a range covers.
     *
     * @param index the part's position in the object (0-based, not its part number)
     * @param offset the first byte within the part
     */
    record Slice(int index, long offset, long length) {
    }

    private PartSlices() {
    }

    /**
     * The non-empty slices of the parts (of the given sizes, in order) that the range
     * [first, first + length) covers, in order.
     *
     * @throws IllegalArgumentException when the range does not lie within the parts
     */
    static List<Slice> of(List<Long> partSizes, long first, long length) {
        if (first < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + first + "+" + length);
        }
        List<Slice> slices = new ArrayList<>();
        long end = first + length;
        long partStart = 0;
        for (int i = 0; i < partSizes.size() && partStart < end; i++) {
            long size = partSizes.get(i);
            long partEnd = partStart + size;
            long from = Math.max(first, partStart);
            long to = Math.min(end, partEnd);
            if (to > from) {
                slices.add(new Slice(i, from - partStart, to - from));
            }
            partStart = partEnd;
        }
        if (end > partStart) {
            throw new IllegalArgumentException("range ends at " + end + " but the parts hold " + partStart + " bytes");
        }
        return slices;
    }

    /** The offset in the object of the part at {@code index}. */
    static long offsetOf(List<Long> partSizes, int index) {
        long offset = 0;
        for (int i = 0; i < index; i++) {
            offset += partSizes.get(i);
        }
        return offset;
    }
}
