package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bytes=0-9       | 100 | 0  | 9
            bytes=10-       | 100 | 10 | 99
            bytes=-5        | 100 | 95 | 99
            bytes=-500      | 100 | 0  | 99
            bytes=90-500    | 100 | 90 | 99
            bytes=99-99     | 100 | 99 | 99
            """)
    void resolves(String header, long size, long first, long last) {
        assertThat(ByteRange.parse(header, size)).isEqualTo(new ByteRange(first, last));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bytes=5-2      | 100
            items=0-1      | 100
            bytes=0-1,3-4  | 100
            bytes=a-b      | 100
            bytes=-        | 100
            bytes          | 100
            """)
    void malformedOrMultipleRangesServeTheWholeObject(String header, long size) {
        assertThat(ByteRange.parse(header, size)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bytes=100-    | 100
            bytes=100-200 | 100
            bytes=0-      | 0
            bytes=-0      | 100
            bytes=-1      | 0
            """)
    void unsatisfiableRangesAreInvalidRange(String header, long size) {
        assertThatThrownBy(() -> ByteRange.parse(header, size))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRange));
    }

    @org.junit.jupiter.api.Test
    void absentHeaderMeansWholeObject() {
        assertThat(ByteRange.parse(null, 10)).isNull();
    }
}
