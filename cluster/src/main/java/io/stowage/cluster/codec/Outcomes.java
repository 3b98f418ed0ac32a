package io.stowage.cluster.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import io.stowage.engine.error.EngineException;
import java.io.IOException;

/**
 * What applying a command gave, as JSON: an object with one field named after the value's type, {@code {"Bucket":
 * {...}}}, {@code {"NoSuchKeyException": {"message": ..., "resource": ...}}}, or {@code {"Void": null}} for a null
 * result. Results of different commands share no supertype to carry a type name, hence this wrapper.
 */
final class Outcomes {

    private static final String NO_RESULT = "Void";
    private static final ObjectReader FAILURE_READER = CodecMapper.MAPPER.readerFor(FailureFields.class);

    private Outcomes() {
    }

    static void writeResult(JsonGenerator json, Object result) throws IOException {
        write(json, result == null ? NO_RESULT : ResultTypes.nameOf(result), result);
    }

    static void writeFailure(JsonGenerator json, EngineException failure) throws IOException {
        write(json, EngineFailures.nameOf(failure), FailureFields.of(failure));
    }

    /** The result, or the rebuilt engine exception (returned, not thrown: the caller throws it). */
    static Object read(JsonParser json) throws IOException {
        if (!json.hasToken(JsonToken.START_OBJECT) || json.nextToken() != JsonToken.FIELD_NAME) {
            throw new CodecException("an outcome is an object with one field named after its type");
        }
        String name = json.currentName();
        json.nextToken();
        Object outcome = readValue(name, json);
        if (json.nextToken() != JsonToken.END_OBJECT) {
            throw new CodecException("an outcome has exactly one field");
        }
        return outcome;
    }

    private static void write(JsonGenerator json, String name, Object value) throws IOException {
        json.writeStartObject();
        json.writeFieldName(name);
        CodecMapper.MAPPER.writeValue(json, value);
        json.writeEndObject();
    }

    private static Object readValue(String name, JsonParser json) throws IOException {
        if (name.equals(NO_RESULT)) {
            if (!json.hasToken(JsonToken.VALUE_NULL)) {
                throw new CodecException("a Void outcome has a null value");
            }
            return null;
        }
        ObjectReader reader = ResultTypes.reader(name);
        if (reader != null) {
            Object result = reader.readValue(json);
            if (result == null) {
                throw new CodecException("a " + name + " outcome needs a value; a null result is Void");
            }
            return result;
        }
        if (EngineFailures.knows(name)) {
            FailureFields fields = FAILURE_READER.readValue(json);
            if (fields == null) {
                throw new CodecException("a failure outcome needs its message and resource");
            }
            return EngineFailures.rebuild(name, fields);
        }
        throw new CodecException("unknown outcome type '" + name + "'");
    }
}
