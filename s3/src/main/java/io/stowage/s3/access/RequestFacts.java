package io.stowage.s3.access;

import io.stowage.engine.iam.policy.RequestContext;
import io.stowage.s3.router.QueryParams;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What policy conditions may ask about a request.
 *
 * @param sourceIp the client's address as the server saw it
 * @param secureTransport whether the request came over TLS
 * @param signedWithQuery whether the signature came in the query string (a presigned URL)
 * @param headers the request's headers, names lower case
 */
public record RequestFacts(String sourceIp, boolean secureTransport, boolean signedWithQuery, Instant time,
        QueryParams query, Map<String, List<String>> headers) {

    RequestContext context(Caller caller, boolean listing) {
        Map<String, List<String>> keys = new HashMap<>();
        put(keys, "aws:SourceIp", sourceIp);
        put(keys, "aws:SecureTransport", Boolean.toString(secureTransport));
        put(keys, "aws:CurrentTime", time.toString());
        put(keys, "aws:EpochTime", Long.toString(time.getEpochSecond()));
        put(keys, "aws:PrincipalType", caller.anonymous() ? "Anonymous" : "User");
        if (!caller.anonymous()) {
            put(keys, "aws:username", caller.user());
            put(keys, "aws:userid", caller.user());
            put(keys, "s3:signatureversion", "AWS4-HMAC-SHA256");
            put(keys, "s3:authType", signedWithQuery ? "REST-QUERY-STRING" : "REST-HEADER");
        }
        // a listing without a prefix lists from the root: policies match that as the empty prefix
        String prefix = query.first("prefix");
        put(keys, "s3:prefix", prefix == null && listing ? "" : prefix);
        put(keys, "s3:delimiter", query.first("delimiter"));
        put(keys, "s3:max-keys", query.first("max-keys"));
        put(keys, "s3:x-amz-acl", header("x-amz-acl"));
        put(keys, "s3:x-amz-content-sha256", header("x-amz-content-sha256"));
        put(keys, "s3:x-amz-copy-source", header("x-amz-copy-source"));
        put(keys, "s3:x-amz-server-side-encryption", header("x-amz-server-side-encryption"));
        put(keys, "s3:x-amz-storage-class", header("x-amz-storage-class"));
        return RequestContext.of(keys);
    }

    private String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static void put(Map<String, List<String>> keys, String key, String value) {
        if (value != null) {
            keys.put(key, List.of(value));
        }
    }
}
