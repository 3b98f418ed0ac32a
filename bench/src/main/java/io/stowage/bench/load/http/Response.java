package io.stowage.bench.load.http;

import java.nio.charset.StandardCharsets;

/**
 * One response as far as the load generator reads it.
 *
 * @param status        the status code, 0 if none arrived
 * @param contentLength the Content-Length header, -1 if absent
 * @param bodyLength    the body bytes received (chunked or not)
 * @param etag          the ETag header, if asked for ({@link Expect#etag()})
 * @param body          the body, if asked for ({@link Expect#keepBody()}) or if the status is not 2xx
 * @param error         why no complete response arrived (connection lost, malformed, timeout), or null
 */
public record Response(int status, long contentLength, long bodyLength, String etag, byte[] body, String error) {

    static Response failure(String error) {
        return new Response(0, -1, 0, null, null, error);
    }

    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
