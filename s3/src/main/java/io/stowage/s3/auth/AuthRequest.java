package io.stowage.s3.auth;

import java.util.List;
import java.util.Map;

/**
 * What SigV4 authentication needs from an HTTP request.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param rawPath the path exactly as on the request line (percent-encoded, without the query)
 * @param rawQuery the query exactly as on the request line, without '?'; null or empty if none
 * @param headers the request headers keyed by lower-case name
 */
public record AuthRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {

    public AuthRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = headers == null ? Map.of() : headers;
    }

    /** The first value of the header named {@code lowerCaseName}, or null. */
    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** All values of the header named {@code lowerCaseName}, possibly empty. */
    public List<String> headerValues(String lowerCaseName) {
        return headers.getOrDefault(lowerCaseName, List.of());
    }
}
