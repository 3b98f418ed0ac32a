package io.stowage.server.admin;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An admin API request as the HTTP listener received it; the body is read only once the request is
 * authenticated.
 *
 * @param rawPath the path exactly as on the request line (what a SigV4 signature covers)
 * @param path the decoded path (what is routed)
 * @param rawQuery the query as on the request line, without '?'; "" if none
 * @param headers the request headers keyed by lower-case name
 */
record AdminRequest(String method, String rawPath, String path, String rawQuery,
        Map<String, List<String>> headers, InputStream body) {

    AdminRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /** The first value of the header named {@code lowerCaseName}, or null. */
    String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
