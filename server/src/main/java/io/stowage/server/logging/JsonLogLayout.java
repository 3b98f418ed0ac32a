package io.stowage.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line: time, level, logger, thread, message, then the MDC (reqId, op,
 * bucket) and the event's key-value pairs as fields of their own, and the stack trace as
 * "error" when there is one.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    private final JsonFactory json = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("message", event.getFormattedMessage());
            for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
                g.writeStringField(entry.getKey(), entry.getValue());
            }
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    writeValue(g, pair.key, pair.value);
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                g.writeStringField("error", ThrowableProxyUtil.asString(error));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static void writeValue(JsonGenerator g, String key, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNullField(key);
            case Integer i -> g.writeNumberField(key, i);
            case Long l -> g.writeNumberField(key, l);
            case Double d -> g.writeNumberField(key, d);
            case Boolean b -> g.writeBooleanField(key, b);
            default -> g.writeStringField(key, value.toString());
        }
    }

    @Override
    public String getContentType() {
        return "application/json";
    }
}
