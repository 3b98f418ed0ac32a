package io.stowage.s3.cors;

import io.stowage.engine.Engine;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers browsers from a bucket's CORS rules: OPTIONS preflights (no signature needed, as in S3) and the
 * Access-Control headers of actual requests, errors included, so a page can read what went wrong.
 */
public final class CorsResponder {

    private static final Set<String> PREFLIGHT_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
    /** Parsed configurations by document; a bucket rarely changes its rules, so a small cache does. */
    private static final int CACHE_LIMIT = 256;

    private final Engine engine;
    private final Map<String, CorsConfiguration> parsed = new ConcurrentHashMap<>();

    public CorsResponder(Engine engine) {
        this.engine = engine;
    }

    /**
     * The answer to a preflight request.
     *
     * @param headers the request's headers by lower-case name
     * @throws S3Exception BadRequest for an incomplete preflight, AccessForbidden when no rule allows it
     */
    public S3Response preflight(String bucket, Map<String, List<String>> headers) {
        String origin = first(headers, "origin");
        if (origin == null) {
            throw new S3Exception(S3ErrorCode.BadRequest, "Insufficient information. Origin request header needed.");
        }
        String method = first(headers, "access-control-request-method");
        if (method == null || !PREFLIGHT_METHODS.contains(method)) {
            throw new S3Exception(S3ErrorCode.BadRequest, "Invalid Access-Control-Request-Method: " + method);
        }
        if (bucket == null) {
            throw notAllowed();
        }
        CorsConfiguration configuration = configuration(bucket)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.AccessForbidden, "CORSResponse: CORS is not enabled for this bucket."));
        List<String> requested = requestedHeaders(first(headers, "access-control-request-headers"));
        CorsRule rule = configuration.match(origin, method, requested).orElseThrow(CorsResponder::notAllowed);
        S3Response response = S3Response.ok();
        allow(response, rule, origin);
        if (!requested.isEmpty()) {
            response.header("access-control-allow-headers", String.join(", ", requested));
        }
        return response.header("vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
    }

    /** Adds the Access-Control headers to the response of an actual request from {@code origin}, if a rule allows it. */
    public void decorate(S3Response response, String bucket, String origin, String method) {
        Optional<CorsConfiguration> configuration;
        try {
            configuration = configuration(bucket);
        } catch (NoSuchBucketException e) {
            return;
        }
        configuration.flatMap(c -> c.match(origin, method, List.of())).ifPresent(rule -> {
            allow(response, rule, origin);
            response.header("vary", "Origin");
        });
    }

    private static void allow(S3Response response, CorsRule rule, String origin) {
        response.header("access-control-allow-origin", rule.anyOrigin() ? "*" : origin)
                .header("access-control-allow-methods", String.join(", ", rule.allowedMethods()));
        if (!rule.anyOrigin()) {
            response.header("access-control-allow-credentials", "true");
        }
        if (!rule.exposeHeaders().isEmpty()) {
            response.header("access-control-expose-headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() >= 0) {
            response.header("access-control-max-age", rule.maxAgeSeconds());
        }
    }

    private Optional<CorsConfiguration> configuration(String bucket) {
        return engine.bucketConfig(bucket, BucketConfigKind.CORS).map(document -> {
            CorsConfiguration configuration = parsed.get(document);
            if (configuration == null) {
                if (parsed.size() >= CACHE_LIMIT) {
                    parsed.clear();
                }
                configuration = CorsConfiguration.decode(document);
                parsed.put(document, configuration);
            }
            return configuration;
        });
    }

    private static List<String> requestedHeaders(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .toList();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst().strip();
    }

    private static S3Exception notAllowed() {
        return new S3Exception(S3ErrorCode.AccessForbidden, "CORSResponse: This CORS request is not allowed. This is usually"
                + " because the evalution of Origin, request method / Access-Control-Request-Method or"
                + " Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.");
    }
}
