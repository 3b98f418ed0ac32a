package io.stowage.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UriEncodingTest {

    @Test
    void keepsOnlyUnreservedCharacters() {
        assertThat(UriEncoding.encode("aZ09-_.~ /+=&é")).isEqualTo("aZ09-_.~%20%2F%2B%3D%26%C3%A9");
        assertThat(UriEncoding.encodePath("/a b/c+d")).isEqualTo("/a%20b/c%2Bd");
    }

    @Test
    void decodesEscapesAndLeavesPlusAlone() {
        assertThat(UriEncoding.decode("a%20b+c%C3%A9%2f")).isEqualTo("a b+cé/");
        assertThat(UriEncoding.decode("plain😀")).isEqualTo("plain😀");
        assertThat(UriEncoding.decode("%F0%9F%98%80x😀")).isEqualTo("😀x😀");
        assertThatThrownBy(() -> UriEncoding.decode("a%2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UriEncoding.decode("a%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTrips() {
        String value = "folder/sub dir/ключ?&=%+😀";
        assertThat(UriEncoding.decode(UriEncoding.encode(value))).isEqualTo(value);
        assertThat(UriEncoding.decode(UriEncoding.encodePath(value))).isEqualTo(value);
    }
}
