package io.stowage.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Request bodies in, response bodies out. Reading is strict (unknown or duplicate fields, trailing
 * data and type coercions are errors) and its errors name the field but never echo a value, which
 * could be a secret sent in the wrong place.
 */
final class AdminJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private AdminJson() {
    }

    /** Reads a body that must be present. */
    static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw AdminException.invalid("the request needs a JSON body");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw AdminException.invalid("the body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw AdminException.invalid("unknown field '" + path(e) + "'");
        } catch (StreamReadException e) {
            throw AdminException.invalid(parseProblem(e));
        } catch (JsonMappingException e) {
            throw AdminException.invalid(mappingProblem(e));
        } catch (IOException e) {
            throw AdminException.invalid("the body could not be read as JSON");
        }
    }

    /** Reads a body whose fields are all optional: an empty body is {@code ifEmpty}. */
    static <T> T readOptional(byte[] body, Class<T> type, T ifEmpty) {
        return body.length == 0 ? ifEmpty : read(body, type);
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String mappingProblem(JsonMappingException e) {
        String path = path(e);
        if (!path.isEmpty()) {
            return "field '" + path + "' has the wrong type";
        }
        String original = e.getOriginalMessage();
        return original != null && original.startsWith("Trailing token")
                ? "the body has more after its JSON value"
                : "the body must be a JSON object";
    }

    private static String parseProblem(StreamReadException e) {
        String original = e.getOriginalMessage();
        // Jackson's other parse messages may quote the offending token; this one names only a field.
        if (original != null && original.startsWith("Duplicate field")) {
            return "duplicate field " + original.substring("Duplicate field".length()).strip();
        }
        return e.getLocation() == null
                ? "the body is not valid JSON"
                : "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
