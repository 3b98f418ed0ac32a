package io.stowage.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadOptionsTest {

    @Test
    void rangesBecomeRangeHeaders() {
        assertThat(ReadOptions.whole().rangeHeader()).isNull();
        assertThat(ReadOptions.from(10).rangeHeader()).isEqualTo("bytes=10-");
        assertThat(ReadOptions.range(0, 9).withChecksums()).isEqualTo(new ReadOptions(0, 9, 0, true));
        assertThat(ReadOptions.range(0, 9).rangeHeader()).isEqualTo("bytes=0-9");
        assertThat(ReadOptions.part(3).rangeHeader()).isNull();
    }

    @Test
    void refusesWhatIsNotARangeOrAPart() {
        assertThatThrownBy(() -> ReadOptions.range(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadOptions.from(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadOptions.part(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadOptions.part(10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadOptions(0, 1, 2, false)).hasMessageContaining("not both");
    }
}
