package io.stowage.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLogLayoutTest {

    private final LoggerContext context = new LoggerContext();

    @Test
    void oneObjectPerLineWithMdcKeyValuesAndTheStackTrace() throws Exception {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.stowage.Test"), Level.WARN,
                "line one\nline \"two\" {}", new IllegalStateException("boom"), new Object[] {42});
        event.setMDCPropertyMap(Map.of("reqId", "ABC123", "bucket", "photos"));
        event.addKeyValuePair(new KeyValuePair("status", 404));
        event.addKeyValuePair(new KeyValuePair("complete", true));
        event.addKeyValuePair(new KeyValuePair("errorCode", null));
        String line = new JsonLogLayout().doLayout(event);

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("io.stowage.Test");
        assertThat(json.get("message").asText()).isEqualTo("line one\nline \"two\" 42");
        assertThat(json.get("reqId").asText()).isEqualTo("ABC123");
        assertThat(json.get("bucket").asText()).isEqualTo("photos");
        assertThat(json.get("status").isInt()).isTrue();
        assertThat(json.get("status").asInt()).isEqualTo(404);
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("errorCode").isNull()).isTrue();
        assertThat(json.get("error").asText()).contains("IllegalStateException: boom");
        assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }
}
