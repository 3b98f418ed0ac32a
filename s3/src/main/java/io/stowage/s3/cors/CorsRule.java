package io.stowage.s3.cors;

import java.util.List;
import java.util.Locale;

/**
 * One CORSRule of a bucket: which origins may use which methods with which request headers, what the browser may read
 * of the response, and how long it may cache a preflight answer. Origins and allowed headers may hold one '*'.
 *
 * @param maxAgeSeconds -1 when the rule sets none
 */
public record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
        List<String> exposeHeaders, int maxAgeSeconds) {

    public CorsRule {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Whether a request from {@code origin} with {@code method} asking to send {@code requestHeaders} is allowed. */
    public boolean allows(String origin, String method, List<String> requestHeaders) {
        return allowedMethods.contains(method) && allowedOrigins.stream().anyMatch(o -> matches(o, origin))
                && requestHeaders.stream().allMatch(h -> allowedHeaders.stream()
                        .anyMatch(a -> matches(a.toLowerCase(Locale.ROOT), h.toLowerCase(Locale.ROOT))));
    }

    /** Whether this rule lets any origin in: its answers then say '*' rather than echo the origin. */
    public boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }

    /** A pattern with at most one '*' standing for any run of characters. */
    static boolean matches(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix) && value.endsWith(suffix);
    }
}
