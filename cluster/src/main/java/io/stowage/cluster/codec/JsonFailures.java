package io.stowage.cluster.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;

/**
 * Turns Jackson's exceptions into {@link CodecException}s that say what was wrong and where (a path such as
 * {@code version.body.parts[0]}), without keeping the Jackson exception or echoing values of the input.
 */
final class JsonFailures {

    private JsonFailures() {
    }

    static CodecException decoding(IOException e) {
        String where = e instanceof JsonMappingException mapping ? at(mapping) : "";
        // Databind wraps the parser's own errors (end of input, bad syntax) to add the path.
        IOException problem = e instanceof JsonMappingException && e.getCause() instanceof StreamReadException read
                ? read : e;
        return new CodecException(switch (problem) {
            case JsonEOFException _ -> "truncated input" + where;
            case StreamReadException _ -> "not well-formed JSON" + where;
            case InvalidTypeIdException typeId when typeId.getTypeId() == null -> "missing type name" + where;
            case InvalidTypeIdException typeId -> "unknown type name '" + typeId.getTypeId() + "'" + where;
            case UnrecognizedPropertyException field -> "unknown field '" + field.getPropertyName() + "'" + where;
            case ValueInstantiationException refused -> "a value its type refuses" + where + reason(refused);
            case JsonMappingException _ -> "not the expected shape" + where;
            default -> "unreadable input";
        });
    }

    /** Only a programming error gets here (a type the mapper cannot write), so the message may be Jackson's own. */
    static CodecException encoding(IOException e) {
        String where = e instanceof JsonMappingException mapping ? at(mapping) : "";
        String why = e instanceof JsonProcessingException jackson ? jackson.getOriginalMessage() : e.getMessage();
        return new CodecException("cannot encode the value" + where + ": " + why);
    }

    private static String at(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : " at " + path;
    }

    private static String reason(ValueInstantiationException e) {
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    }
}
