package io.stowage.s3.handler;

import io.netty.handler.codec.http.HttpHeaders;
import io.stowage.s3.auth.PayloadStream;
import io.stowage.s3.router.QueryParams;
import io.stowage.s3.router.Route;

/**
 * One authenticated S3 request as handlers see it.
 *
 * @param principal the user the request acts as
 * @param body the decoded payload (aws-chunked framing removed, signatures verified while read)
 * @param contentLength the decoded body length, or -1 when the client did not declare it
 */
public record S3Request(
        String requestId,
        String method,
        Route route,
        QueryParams query,
        HttpHeaders headers,
        String principal,
        PayloadStream body,
        long contentLength) {

    public String bucket() {
        return route.bucket();
    }

    public String key() {
        return route.key();
    }

    public String header(CharSequence name) {
        return headers.get(name);
    }

    public String param(String name) {
        return query.first(name);
    }
}
