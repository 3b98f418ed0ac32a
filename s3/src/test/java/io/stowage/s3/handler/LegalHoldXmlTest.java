package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegalHoldXmlTest {

    private static boolean parse(String xml) {
        return LegalHoldXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onPlacesTheHoldAndOffRemovesIt() {
        assertThat(parse("<LegalHold xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>ON</Status></LegalHold>")).isTrue();
        assertThat(parse("<LegalHold><Status>OFF</Status></LegalHold>")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<LegalHold><Status>on</Status></LegalHold>",
        "<LegalHold><Status>abc</Status></LegalHold>",
        "<LegalHold/>",
        "<Hold><Status>ON</Status></Hold>"})
    void anythingElseIsMalformed(String xml) {
        assertThatThrownBy(() -> parse(xml))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MalformedXML));
    }

    @Test
    void theResponseDocumentParsesBack() {
        assertThat(LegalHoldXml.parse(LegalHoldXml.toXml(true))).isTrue();
        assertThat(LegalHoldXml.parse(LegalHoldXml.toXml(false))).isFalse();
    }
}
