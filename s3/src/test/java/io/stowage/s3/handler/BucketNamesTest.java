package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3Exception;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket", "my.bucket.name", "a1b2c3", "123"})
    void valid(String name) {
        assertThatCode(() -> BucketNames.validate(name)).doesNotThrowAnyException();
    }

    @org.junit.jupiter.api.Test
    void lengthLimits() {
        assertThatCode(() -> BucketNames.validate("b" + "a".repeat(61) + "c")).doesNotThrowAnyException();
        assertThatThrownBy(() -> BucketNames.validate("b" + "a".repeat(62) + "c")).isInstanceOf(S3Exception.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Abc", "a_b", "-abc", "abc-", ".abc", "abc.", "a..b", "a.-b", "a-.b", "192.168.5.4",
            "xn--abc", "sthree-abc", "abc-s3alias", "abc--ol-s3", "a b"})
    void invalid(String name) {
        assertThatThrownBy(() -> BucketNames.validate(name)).isInstanceOf(S3Exception.class);
    }
}
