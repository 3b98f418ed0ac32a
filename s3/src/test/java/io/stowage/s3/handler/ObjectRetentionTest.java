package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.model.RetentionMode;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectRetentionTest {

    private static ObjectRetention parse(String xml) {
        return ObjectRetention.parseXml(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRetentionNamesItsModeAndDate() {
        assertThat(parse("<Retention xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Mode>COMPLIANCE</Mode>"
                + "<RetainUntilDate>2030-01-01T00:00:00.250Z</RetainUntilDate></Retention>"))
                .isEqualTo(new ObjectRetention(RetentionMode.COMPLIANCE, Instant.parse("2030-01-01T00:00:00.250Z").toEpochMilli()));
        assertThat(parse("<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T02:00:00+02:00</RetainUntilDate></Retention>"))
                .isEqualTo(new ObjectRetention(RetentionMode.GOVERNANCE, Instant.parse("2030-01-01T00:00:00Z").toEpochMilli()));
    }

    @Test
    void anEmptyRetentionRemovesIt() {
        assertThat(parse("<Retention/>")).isEqualTo(ObjectRetention.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<Retention><Mode>GOVERNANCE</Mode></Retention>",
        "<Retention><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>",
        "<Retention><Mode>governance</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>",
        "<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>next year</RetainUntilDate></Retention>",
        "<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00</RetainUntilDate></Retention>",
        "<ObjectRetention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></ObjectRetention>"})
    void anythingElseIsMalformed(String xml) {
        assertThatThrownBy(() -> parse(xml))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MalformedXML));
    }

    @Test
    void theResponseDocumentParsesBack() {
        ObjectRetention retention = new ObjectRetention(RetentionMode.GOVERNANCE, Instant.parse("2031-05-06T07:08:09.010Z").toEpochMilli());
        assertThat(new String(retention.toXml(), StandardCharsets.UTF_8))
                .contains("<Mode>GOVERNANCE</Mode><RetainUntilDate>2031-05-06T07:08:09.010Z</RetainUntilDate>");
        assertThat(ObjectRetention.parseXml(retention.toXml())).isEqualTo(retention);
    }

    @Test
    void aRetentionMustEndInTheFuture() {
        ObjectRetention.requireFuture(1001, 1000);
        assertThatThrownBy(() -> ObjectRetention.requireFuture(1000, 1000))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument));
    }
}
