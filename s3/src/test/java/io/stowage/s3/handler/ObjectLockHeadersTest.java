package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.stowage.engine.model.RetentionMode;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectLockHeadersTest {

    private static final long NOW = Instant.parse("2029-06-01T00:00:00Z").toEpochMilli();

    private static HttpHeaders headers(String mode, String date, String legalHold) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (mode != null) {
            headers.set(ObjectLockHeaders.MODE, mode);
        }
        if (date != null) {
            headers.set(ObjectLockHeaders.RETAIN_UNTIL_DATE, date);
        }
        if (legalHold != null) {
            headers.set(ObjectLockHeaders.LEGAL_HOLD, legalHold);
        }
        return headers;
    }

    @Test
    void modeDateAndLegalHoldAreRead() {
        ObjectLockHeaders.Requested requested = ObjectLockHeaders.parse(headers("COMPLIANCE", "2030-01-01T00:00:00.123456Z", "ON"), NOW);
        assertThat(requested.retention())
                .isEqualTo(new ObjectRetention(RetentionMode.COMPLIANCE, Instant.parse("2030-01-01T00:00:00.123Z").toEpochMilli()));
        assertThat(requested.legalHold()).isTrue();
    }

    @Test
    void eachPartMayComeAlone() {
        ObjectLockHeaders.Requested holdOnly = ObjectLockHeaders.parse(headers(null, null, "OFF"), NOW);
        assertThat(holdOnly.retention()).isEqualTo(ObjectRetention.NONE);
        assertThat(holdOnly.legalHold()).isFalse();
        ObjectLockHeaders.Requested retentionOnly = ObjectLockHeaders.parse(headers("GOVERNANCE", "2030-01-01T01:00:00+01:00", null), NOW);
        assertThat(retentionOnly.retention().retainUntilMillis()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
        assertThat(retentionOnly.legalHold()).isNull();
    }

    @Test
    void presenceIsAnyOfTheThree() {
        assertThat(ObjectLockHeaders.present(headers(null, null, null))).isFalse();
        assertThat(ObjectLockHeaders.present(headers("GOVERNANCE", null, null))).isTrue();
        assertThat(ObjectLockHeaders.present(headers(null, "2030-01-01T00:00:00Z", null))).isTrue();
        assertThat(ObjectLockHeaders.present(headers(null, null, "OFF"))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            GOVERNANCE, -,                    -,   must both be supplied
            -,          2030-01-01T00:00:00Z, -,   must both be supplied
            governance, 2030-01-01T00:00:00Z, -,   Unknown wormMode directive
            LOCKED,     2030-01-01T00:00:00Z, -,   Unknown wormMode directive
            GOVERNANCE, 01/01/2030,           -,   ISO 8601
            GOVERNANCE, 2030-01-01T00:00:00,  -,   ISO 8601
            GOVERNANCE, 2029-06-01T00:00:00Z, -,   must be in the future
            COMPLIANCE, 2020-01-01T00:00:00Z, -,   must be in the future
            -,          -,                    on,  'ON' or 'OFF'
            -,          -,                    YES, 'ON' or 'OFF'
            """)
    void badHeadersAreInvalidArguments(String mode, String date, String legalHold, String message) {
        assertThatThrownBy(() -> ObjectLockHeaders.parse(headers(mode, date, legalHold), NOW))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
