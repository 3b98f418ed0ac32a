package io.stowage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmzDateTest {

    @Test
    void parsesTheBasicFormatAndFormatsItBack() {
        Instant instant = AmzDate.parseBasic("20130524T235959Z");
        assertThat(instant).isEqualTo(Instant.parse("2013-05-24T23:59:59Z"));
        assertThat(AmzDate.formatBasic(instant)).isEqualTo("20130524T235959Z");
        assertThat(AmzDate.parseBasic("20240229T000000Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "20130524T000000", "20130524t000000Z", "20130524T000000z", "2013-05-24T00:00Z",
        "20131324T000000Z", "20130230T000000Z", "20230229T000000Z", "20130524T240000Z", "20130524T006000Z",
        "20130524T000060Z", "2013052AT000000Z", "+0130524T000000Z", "20130524T00000-Z"})
    void refusesAnythingElse(String value) {
        assertThat(AmzDate.parseBasic(value)).isNull();
    }

    @Test
    void parsesHttpDates() {
        assertThat(AmzDate.parseHttpDate("Fri, 24 May 2013 00:00:00 GMT")).isEqualTo(Instant.parse("2013-05-24T00:00:00Z"));
        assertThat(AmzDate.parseHttpDate("yesterday")).isNull();
    }
}
