package io.stowage.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.backend.BackendException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A JSON admin API's answer (RGW's Admin Ops, MinIO's madmin, Garage's admin API): the body as JSON, and the error
 * document's code and message under the field names that API uses.
 *
 * @param call what was called, for messages (never a secret)
 * @param codeField the error document's code field ({@code Code}, {@code code})
 * @param messageField the error document's message field, or null when its message is not worth repeating
 */
public record AdminAnswer(String call, int status, byte[] body, String codeField, String messageField) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The error document's code, or null when the body is no such document. */
    public String code() {
        return field(codeField);
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.US_ASCII) : body);
        } catch (IOException e) {
            throw new BackendException(Reason.UNAVAILABLE, call + ": unreadable answer", e);
        }
    }

    /**
     * This answer when it is a success (2xx).
     *
     * @param what what the call was about, for the message
     * @throws BackendException with the reason of the status, naming the error code (and message)
     */
    public AdminAnswer require(String what) {
        if (status >= 200 && status <= 299) {
            return this;
        }
        String code = code();
        String message = messageField == null ? null : field(messageField);
        throw new BackendException(Reason.ofHttpStatus(status), what + ": " + call + ": "
                + (code == null ? "HTTP " + status : code) + (message == null ? "" : " (" + message + ")"));
    }

    private String field(String name) {
        try {
            JsonNode field = JSON.readTree(body).get(name);
            return field == null ? null : field.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
