package io.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.s3.lifecycle.Expiry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpirationHeaderTest {

    @Test
    void tellsTheDateAndTheRuleAsAwsDoes() {
        Expiry expiry = new Expiry(Instant.parse("2012-12-23T00:00:00Z").toEpochMilli(), "picture-deletion-rule");
        assertThat(ExpirationHeader.value(expiry))
                .isEqualTo("expiry-date=\"Sun, 23 Dec 2012 00:00:00 GMT\", rule-id=\"picture-deletion-rule\"");
    }

    @Test
    void ruleIdIsUrlEncodedSoAnyIdMakesAValidHeader() {
        Expiry expiry = new Expiry(0, "a rule \"quoted\"\r\nü");
        assertThat(ExpirationHeader.value(expiry))
                .endsWith("rule-id=\"a%20rule%20%22quoted%22%0D%0A%C3%BC\"");
    }
}
