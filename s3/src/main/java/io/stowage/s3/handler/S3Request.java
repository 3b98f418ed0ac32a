package io.stowage.s3.handler;

import io.netty.handler.codec.http.HttpHeaders;
import io.stowage.s3.access.Caller;
import io.stowage.s3.access.RequestAccess;
import io.stowage.s3.auth.PayloadStream;
import io.stowage.s3.router.QueryParams;
import io.stowage.s3.router.Route;

/**
 * One authenticated S3 request as handlers see it.
 *
 * @param access who the request acts as, and the checks handlers make for resources beyond its target
 * @param body the decoded payload (aws-chunked framing removed, signatures verified while read)
 * @param contentLength the decoded body length, or -1 when the client did not declare it
 */
public record S3Request(
        String requestId,
        String method,
        Route route,
        QueryParams query,
        HttpHeaders headers,
        RequestAccess access,
        PayloadStream body,
        long contentLength) {

    public Caller caller() {
        return access.caller();
    }

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
