package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.handler.PartSlices.Slice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges of a multipart object mapped onto its parts, exactly at and across part boundaries. */
class PartSlicesTest {

    private static final List<Long> SIZES = List.of(10L, 10L, 5L);

    @Test
    void wholeObject() {
        assertThat(PartSlices.of(SIZES, 0, 25)).containsExactly(new Slice(0, 0, 10), new Slice(1, 0, 10), new Slice(2, 0, 5));
    }

    @Test
    void insideOnePart() {
        assertThat(PartSlices.of(SIZES, 12, 3)).containsExactly(new Slice(1, 2, 3));
        assertThat(PartSlices.of(SIZES, 0, 1)).containsExactly(new Slice(0, 0, 1));
        assertThat(PartSlices.of(SIZES, 24, 1)).containsExactly(new Slice(2, 4, 1));
    }

    @Test
    void exactlyOnePart() {
        assertThat(PartSlices.of(SIZES, 10, 10)).containsExactly(new Slice(1, 0, 10));
    }

    @Test
    void acrossBoundaries() {
        assertThat(PartSlices.of(SIZES, 9, 2)).containsExactly(new Slice(0, 9, 1), new Slice(1, 0, 1));
        assertThat(PartSlices.of(SIZES, 5, 17)).containsExactly(new Slice(0, 5, 5), new Slice(1, 0, 10), new Slice(2, 0, 2));
        assertThat(PartSlices.of(SIZES, 19, 6)).containsExactly(new Slice(1, 9, 1), new Slice(2, 0, 5));
    }

    @Test
    void emptyPartsAndEmptyRangesYieldNoSlices() {
        assertThat(PartSlices.of(List.of(0L, 4L, 0L, 4L), 0, 8)).containsExactly(new Slice(1, 0, 4), new Slice(3, 0, 4));
        assertThat(PartSlices.of(SIZES, 7, 0)).isEmpty();
        assertThat(PartSlices.of(List.of(0L), 0, 0)).isEmpty();
    }

    @Test
    void aRangePastTheEndIsRefused() {
        assertThatThrownBy(() -> PartSlices.of(SIZES, 20, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartSlices.of(SIZES, -1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsets() {
        assertThat(PartSlices.offsetOf(SIZES, 0)).isZero();
        assertThat(PartSlices.offsetOf(SIZES, 2)).isEqualTo(20);
    }
}
