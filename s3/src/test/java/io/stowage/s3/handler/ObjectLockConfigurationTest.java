package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.model.RetentionMode;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.handler.ObjectLockConfiguration.DefaultRetention;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectLockConfigurationTest {

    private static ObjectLockConfiguration parse(String xml) {
        return ObjectLockConfiguration.parseXml(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String withRetention(String retention) {
        return "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention>"
                + retention + "</DefaultRetention></Rule></ObjectLockConfiguration>";
    }

    private static S3ErrorCode codeOf(String xml) {
        try {
            parse(xml);
            return null;
        } catch (S3Exception e) {
            return e.code();
        }
    }

    @Test
    void aRuleGivesTheDefaultRetentionInDaysOrYears() {
        assertThat(parse("<ObjectLockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode>"
                + "<Days>30</Days></DefaultRetention></Rule></ObjectLockConfiguration>"))
                .isEqualTo(new ObjectLockConfiguration(new DefaultRetention(RetentionMode.GOVERNANCE, 30, 0)));
        assertThat(parse(withRetention("<Mode>COMPLIANCE</Mode><Years> 2 </Years>")))
                .isEqualTo(new ObjectLockConfiguration(new DefaultRetention(RetentionMode.COMPLIANCE, 0, 2)));
    }

    @Test
    void withoutARuleObjectLockIsOnlyEnabled() {
        assertThat(parse("<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>"))
                .isEqualTo(ObjectLockConfiguration.ENABLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<ObjectLockConfiguration/>",
        "<ObjectLockConfiguration><ObjectLockEnabled>Disabled</ObjectLockEnabled></ObjectLockConfiguration>",
        "<ObjectLockConfiguration><ObjectLockEnabled>enabled</ObjectLockEnabled></ObjectLockConfiguration>",
        "<LockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></LockConfiguration>",
        "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule/></ObjectLockConfiguration>",
        "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled>",
        "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode>"
                + "<Days>1</Days></DefaultRetention></Rule><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>2</Days>"
                + "</DefaultRetention></Rule></ObjectLockConfiguration>"})
    void otherDocumentsAreMalformed(String xml) {
        assertThat(codeOf(xml)).isEqualTo(S3ErrorCode.MalformedXML);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<Mode>governance</Mode><Days>1</Days>",
        "<Mode>FOREVER</Mode><Days>1</Days>",
        "<Days>1</Days>",
        "<Mode>GOVERNANCE</Mode><Days>1</Days><Years>1</Years>",
        "<Mode>GOVERNANCE</Mode>",
        "<Mode>GOVERNANCE</Mode><Days>1.5</Days>",
        "<Mode>GOVERNANCE</Mode><Years>many</Years>"})
    void aRetentionWithoutAKnownModeAndExactlyOnePeriodIsMalformed(String retention) {
        assertThat(codeOf(withRetention(retention))).isEqualTo(S3ErrorCode.MalformedXML);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<Mode>GOVERNANCE</Mode><Days>0</Days>",
        "<Mode>GOVERNANCE</Mode><Years>-1</Years>",
        "<Mode>COMPLIANCE</Mode><Days>36501</Days>",
        "<Mode>COMPLIANCE</Mode><Years>101</Years>"})
    void aPeriodThatIsNotPositiveOrTooLongIsAnInvalidArgument(String retention) {
        assertThat(codeOf(withRetention(retention))).isEqualTo(S3ErrorCode.InvalidArgument);
    }

    @Test
    void theLongestPeriodsAreAccepted() {
        assertThat(parse(withRetention("<Mode>COMPLIANCE</Mode><Days>36500</Days>")).defaultRetention().days()).isEqualTo(36500);
        assertThat(parse(withRetention("<Mode>COMPLIANCE</Mode><Years>100</Years>")).defaultRetention().years()).isEqualTo(100);
    }

    @Test
    void theStoredFormDecodesToTheSameConfiguration() {
        for (ObjectLockConfiguration configuration : new ObjectLockConfiguration[] {
            ObjectLockConfiguration.ENABLED,
            new ObjectLockConfiguration(new DefaultRetention(RetentionMode.GOVERNANCE, 7, 0)),
            new ObjectLockConfiguration(new DefaultRetention(RetentionMode.COMPLIANCE, 0, 10))}) {
            assertThat(ObjectLockConfiguration.decode(configuration.encode())).isEqualTo(configuration);
        }
        assertThatThrownBy(() -> ObjectLockConfiguration.decode("Enabled GOVERNANCE 7")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theResponseDocumentParsesBackToTheConfiguration() {
        ObjectLockConfiguration days = new ObjectLockConfiguration(new DefaultRetention(RetentionMode.GOVERNANCE, 7, 0));
        ObjectLockConfiguration years = new ObjectLockConfiguration(new DefaultRetention(RetentionMode.COMPLIANCE, 0, 3));
        assertThat(ObjectLockConfiguration.parseXml(days.toXml())).isEqualTo(days);
        assertThat(ObjectLockConfiguration.parseXml(years.toXml())).isEqualTo(years);
        assertThat(ObjectLockConfiguration.parseXml(ObjectLockConfiguration.ENABLED.toXml())).isEqualTo(ObjectLockConfiguration.ENABLED);
        assertThat(new String(days.toXml(), StandardCharsets.UTF_8))
                .contains("<Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>7</Days></DefaultRetention></Rule>");
    }

    @Test
    void daysCountFromTheWriteAndYearsAreCalendarYears() {
        long written = Instant.parse("2028-02-29T10:00:00Z").toEpochMilli();
        assertThat(new DefaultRetention(RetentionMode.GOVERNANCE, 2, 0).retainUntil(written))
                .isEqualTo(Instant.parse("2028-03-02T10:00:00Z").toEpochMilli());
        assertThat(new DefaultRetention(RetentionMode.GOVERNANCE, 0, 1).retainUntil(written))
                .isEqualTo(Instant.parse("2029-02-28T10:00:00Z").toEpochMilli());
    }
}
