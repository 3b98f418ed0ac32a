package io.stowage.kube.pvci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

/** PVCi's request bodies, with its JSON field names; a missing or malformed field is a 400 naming it. */
public final class PvciRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    /**
     * Where the objects are: PVCi's {@code s3_*} fields.
     *
     * @param endpoint {@code host:port}, or a URL with its scheme (which then wins over {@code s3_ssl})
     * @param prefix empty for the whole bucket
     */
    public record S3Location(String endpoint, boolean ssl, String bucket, String prefix, String key, String secret) {

        /** The endpoint as a URL: PVCi's {@code s3_endpoint} is {@code host:port}, its scheme {@code s3_ssl}. */
        public URI url() {
            return URI.create(endpoint.contains("://") ? endpoint : (ssl ? "https://" : "http://") + endpoint);
        }

        @Override
        public String toString() {
            return "S3Location[" + url() + " " + bucket + "/" + prefix + "]"; // no credentials
        }
    }

    /** {@code /create}: the S3 part, and the claim to make. */
    public record CreateRequest(S3Location source, String namespace, String name, String storageClass) {
    }

    /** {@code /status}: the claim {@code /create} made. */
    public record StatusRequest(String namespace, String name) {
    }

    private PvciRequests() {
    }

    public static S3Location size(byte[] body) throws PvciException {
        return s3(object(body));
    }

    public static CreateRequest create(byte[] body) throws PvciException {
        JsonNode json = object(body);
        S3Location source = s3(json);
        String storageClass = optionalText(json, "storage_class");
        return new CreateRequest(source, name(json, "namespace", DNS_LABEL), name(json, "name", DNS_SUBDOMAIN),
                storageClass == null || storageClass.isBlank() ? null : storageClass);
    }

    public static StatusRequest status(byte[] body) throws PvciException {
        JsonNode json = object(body);
        return new StatusRequest(name(json, "namespace", DNS_LABEL), name(json, "name", DNS_SUBDOMAIN));
    }

    private static S3Location s3(JsonNode json) throws PvciException {
        String endpoint = text(json, "s3_endpoint");
        JsonNode ssl = json.get("s3_ssl");
        if (ssl != null && !ssl.isNull() && !ssl.isBoolean()) {
            throw new PvciException(400, "s3_ssl: must be true or false");
        }
        S3Location location = new S3Location(endpoint, ssl != null && ssl.asBoolean(), text(json, "s3_bucket"),
                optionalText(json, "s3_prefix") == null ? "" : optionalText(json, "s3_prefix"), text(json, "s3_key"),
                text(json, "s3_secret"));
        try {
            URI url = location.url();
            if (url.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            throw new PvciException(400, "s3_endpoint: not HOST:PORT or a URL: " + endpoint);
        }
        return location;
    }

    private static JsonNode object(byte[] body) throws PvciException {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PvciException(400, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PvciException(400, "the body could not be read");
        }
        if (json == null || !json.isObject()) {
            throw new PvciException(400, "the body must be a JSON object");
        }
        return json;
    }

    private static String text(JsonNode json, String field) throws PvciException {
        String value = optionalText(json, field);
        if (value == null || value.isBlank()) {
            throw new PvciException(400, field + ": required");
        }
        return value.strip();
    }

    private static String optionalText(JsonNode json, String field) throws PvciException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new PvciException(400, field + ": must be a string");
        }
        return value.asText();
    }

    private static String name(JsonNode json, String field, Pattern pattern) throws PvciException {
        String value = text(json, field);
        if (!pattern.matcher(value).matches()) {
            throw new PvciException(400, field + ": not a Kubernetes name: " + value);
        }
        return value;
    }
}
