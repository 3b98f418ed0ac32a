package io.stowage.backend.s3;

import java.util.List;

/**
 * A CORS rule of a bucket.
 *
 * @param maxAgeSeconds how long browsers may cache the preflight answer; 0: not said
 */
public record CorsRule(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                       List<String> exposeHeaders, int maxAgeSeconds) {

    public CorsRule {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
        if (allowedOrigins.isEmpty() || allowedMethods.isEmpty()) {
            throw new IllegalArgumentException("a CORS rule needs at least one allowed origin and method");
        }
    }
}
