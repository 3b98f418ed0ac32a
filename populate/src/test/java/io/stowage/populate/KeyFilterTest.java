package io.stowage.populate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyFilterTest {

    @Test
    void starStaysInASegmentAndDoubleStarCrossesThem() {
        KeyFilter csv = KeyFilter.of(List.of("*.csv"), List.of());
        assertThat(csv.accepts("a.csv")).isTrue();
        assertThat(csv.accepts("dir/a.csv")).isFalse();

        KeyFilter deep = KeyFilter.of(List.of("**/*.csv"), List.of());
        assertThat(deep.accepts("a.csv")).isTrue();
        assertThat(deep.accepts("x/y/a.csv")).isTrue();
        assertThat(deep.accepts("x/y/a.csvx")).isFalse();
    }

    @Test
    void questionMarksClassesAndChoices() {
        KeyFilter filter = KeyFilter.of(List.of("f?le-[0-9].{bin,txt}"), List.of());
        assertThat(filter.accepts("file-3.bin")).isTrue();
        assertThat(filter.accepts("fxle-9.txt")).isTrue();
        assertThat(filter.accepts("f/le-3.bin")).isFalse();
        assertThat(filter.accepts("file-a.bin")).isFalse();
        assertThat(filter.accepts("file-3.csv")).isFalse();
        assertThat(KeyFilter.of(List.of("[!a]*"), List.of()).accepts("abc")).isFalse();
    }

    @Test
    void excludesWinOverIncludesAndNoIncludesMeansAll() {
        KeyFilter filter = KeyFilter.of(List.of(), List.of("tmp/**", "*.log"));
        assertThat(filter.accepts("data/a")).isTrue();
        assertThat(filter.accepts("tmp/a/b")).isFalse();
        assertThat(filter.accepts("x.log")).isFalse();
        assertThat(filter.accepts("dir/x.log")).isTrue();
        assertThat(KeyFilter.all().accepts("anything/at/all")).isTrue();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(KeyFilter.of(List.of("a+b(1).txt"), List.of()).accepts("a+b(1).txt")).isTrue();
        assertThat(KeyFilter.of(List.of("a.txt"), List.of()).accepts("abtxt")).isFalse();
    }

    @Test
    void patternsThatAreNotGlobsAreRefused() {
        assertThatThrownBy(() -> KeyFilter.of(List.of("[abc"), List.of())).hasMessageContaining("--include");
        assertThatThrownBy(() -> KeyFilter.of(List.of(), List.of("{a,b"))).hasMessageContaining("--exclude");
        assertThatThrownBy(() -> KeyFilter.of(List.of("a}"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
