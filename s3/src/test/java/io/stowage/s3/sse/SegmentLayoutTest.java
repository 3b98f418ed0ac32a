package io.stowage.s3.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentLayoutTest {

    private static final int S = SegmentLayout.DEFAULT_SEGMENT_SIZE;

    @Test
    void ciphertextIsTheSaltPlusTheTextPlusOneTagPerSegment() {
        SegmentLayout layout = SegmentLayout.DEFAULT;
        assertThat(layout.ciphertextLength(0)).isEqualTo(32 + 16);
        assertThat(layout.ciphertextLength(1)).isEqualTo(32 + 1 + 16);
        assertThat(layout.ciphertextLength(S - 1)).isEqualTo(32 + S - 1 + 16);
        assertThat(layout.ciphertextLength(S)).isEqualTo(32 + S + 16);
        assertThat(layout.ciphertextLength(S + 1)).isEqualTo(32 + S + 1 + 2 * 16);
        assertThat(layout.ciphertextLength(5L << 40)).isEqualTo(32 + (5L << 40) + ((5L << 40) / S) * 16);
    }

    @Test
    void anUnknownLengthStaysUnknown() {
        assertThat(SegmentLayout.DEFAULT.ciphertextLength(-1)).isEqualTo(-1);
        assertThatThrownBy(() -> SegmentLayout.DEFAULT.ciphertextLength(-2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plaintextLengthInvertsCiphertextLengthAndRejectsEveryOtherLength() throws Exception {
        SegmentLayout layout = new SegmentLayout(5);
        Set<Long> valid = new HashSet<>();
        for (long plaintext = 0; plaintext < 200; plaintext++) {
            long ciphertext = layout.ciphertextLength(plaintext);
            valid.add(ciphertext);
            assertThat(layout.plaintextLength(ciphertext)).isEqualTo(plaintext);
        }
        for (long ciphertext = -1; ciphertext < layout.ciphertextLength(199); ciphertext++) {
            if (!valid.contains(ciphertext)) {
                long impossible = ciphertext;
                assertThatThrownBy(() -> layout.plaintextLength(impossible)).as("ciphertext length %d", impossible)
                        .isInstanceOf(CiphertextIntegrityException.class);
            }
        }
    }

    @Test
    void plaintextLengthAtTheDefaultSegmentBoundaries() throws Exception {
        SegmentLayout layout = SegmentLayout.DEFAULT;
        for (long plaintext : new long[] {0, 1, S - 1, S, S + 1, 3L * S, 3L * S + 7, 64L << 20}) {
            assertThat(layout.plaintextLength(layout.ciphertextLength(plaintext))).isEqualTo(plaintext);
        }
        // a full segment plus a tag-only fragment: no plaintext encrypts to it
        assertThatThrownBy(() -> layout.plaintextLength(32 + S + 16 + 16)).isInstanceOf(CiphertextIntegrityException.class);
        assertThatThrownBy(() -> layout.plaintextLength(32 + 15)).isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void segmentSizeIsBounded() {
        assertThatThrownBy(() -> new SegmentLayout(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SegmentLayout(SegmentLayout.MAX_SEGMENT_SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SegmentLayout(SegmentLayout.MAX_SEGMENT_SIZE).segmentSize()).isEqualTo(SegmentLayout.MAX_SEGMENT_SIZE);
    }
}
