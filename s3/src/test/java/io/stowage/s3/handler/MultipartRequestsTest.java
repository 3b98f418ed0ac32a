package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small parsers of multipart requests: part numbers, copy-source ranges, upload ids, stored checksum types. */
class MultipartRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "10000", " 42 "})
    void validPartNumbers(String value) {
        assertThat(PartNumbers.parse(value)).isEqualTo(Integer.parseInt(value.trim()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"0", "10001", "-1", "", "x", "1.5", "99999999999"})
    void invalidPartNumbers(String value) {
        assertThatThrownBy(() -> PartNumbers.parse(value)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument);
            assertThat(e.getMessage()).isEqualTo("Part number must be an integer between 1 and 10000, inclusive");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bytes=0-0     | 10 | 0 | 0
            bytes=0-9     | 10 | 0 | 9
            bytes=3-7     | 10 | 3 | 7
            """)
    void copySourceRanges(String header, long size, long first, long last) {
        assertThat(UploadPartCopyHandler.parseRange(header, size)).isEqualTo(new ByteRange(first, last));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=5-", "bytes=-5", "bytes=7-3", "0-5", "bytes=0-1,3-4", "bytes = 0-1", "bytes=a-b"})
    void malformedCopySourceRanges(String header) {
        assertThatThrownBy(() -> UploadPartCopyHandler.parseRange(header, 10)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument);
            assertThat(e.getMessage()).isEqualTo(UploadPartCopyHandler.BAD_RANGE);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-10", "bytes=10-10", "bytes=0-0"})
    void copySourceRangesOutsideTheSource(String header) {
        long size = header.equals("bytes=0-0") ? 0 : 10;
        assertThatThrownBy(() -> UploadPartCopyHandler.parseRange(header, size))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRange));
    }

    @Test
    void uploadIdsSortByInitiationTimeAndAreNotGuessable() {
        String earlier = UploadIds.next(1_700_000_000_000L);
        String later = UploadIds.next(1_700_000_000_001L);
        String sameTime = UploadIds.next(1_700_000_000_000L);
        assertThat(earlier).hasSize(48).matches("[0-9a-f]+");
        assertThat(earlier).isLessThan(later);
        assertThat(sameTime).isLessThan(later).isNotEqualTo(earlier);
        assertThat(UploadIds.next(0)).isLessThan(UploadIds.next(Long.MAX_VALUE));
    }

    @Test
    void storedChecksumTypeIsOneHeaderAndNeverAnAlgorithm() {
        S3Response composite = S3Response.ok();
        StoredChecksums.writeHeaders(Map.of("CRC32", "abc=-3", StoredChecksums.TYPE_KEY, "COMPOSITE"), composite);
        assertThat(composite.headers().get("x-amz-checksum-crc32")).isEqualTo("abc=-3");
        assertThat(composite.headers().getAll("x-amz-checksum-type")).containsExactly("COMPOSITE");
        assertThat(composite.headers().names()).doesNotContain("x-amz-checksum-TYPE").hasSize(2);

        S3Response single = S3Response.ok();
        StoredChecksums.writeHeaders(Map.of("SHA256", "xyz="), single);
        assertThat(single.headers().getAll("x-amz-checksum-type")).containsExactly("FULL_OBJECT");

        S3Response none = S3Response.ok();
        StoredChecksums.writeHeaders(Map.of(), none);
        assertThat(none.headers().isEmpty()).isTrue();
        assertThat(StoredChecksums.values(Map.of("CRC32C", "v", "TYPE", "FULL_OBJECT"))).containsOnlyKeys("CRC32C");
    }
}
