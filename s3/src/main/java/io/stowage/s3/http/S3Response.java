package io.stowage.s3.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * What a handler answers. Content-Length is set from the body unless the handler set it (HEAD
 * answers carry the object's length and no body).
 */
public final class S3Response {

    private final int status;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private ResponseBody body = ResponseBody.EMPTY;
    private RequestSummary summary;

    private S3Response(int status) {
        this.status = status;
    }

    public static S3Response status(int status) {
        return new S3Response(status);
    }

    public static S3Response ok() {
        return new S3Response(200);
    }

    public static S3Response xml(int status, byte[] document) {
        return new S3Response(status).header(HttpHeaderNames.CONTENT_TYPE, "application/xml").body(new ResponseBody.Bytes(document));
    }

    /** This response's headers and body under another status (a website's error document is served as the error). */
    public S3Response withStatus(int newStatus) {
        S3Response copy = new S3Response(newStatus).body(body);
        copy.headers.set(headers);
        copy.summary = summary;
        return copy;
    }

    public S3Response header(CharSequence name, Object value) {
        if (value != null) {
            headers.set(name, value);
        }
        return this;
    }

    public S3Response body(ResponseBody body) {
        this.body = body;
        return this;
    }

    /** Records what the request was about, for the access log and metrics. */
    public S3Response summary(RequestSummary summary) {
        this.summary = summary;
        return this;
    }

    public RequestSummary summary() {
        return summary;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public ResponseBody body() {
        return body;
    }
}
