package io.stowage.s3.http;

/**
 * A request whose response has been written to the connection, or failed to be.
 *
 * @param summary what the S3 layer learned about it
 * @param method the HTTP method
 * @param path the request target's path as received, without the query string (which may hold a presigned signature)
 * @param remoteAddress the client's IP address
 * @param status the HTTP status answered
 * @param bytesIn request body bytes received from the network
 * @param bytesOut the response body's length when it was sent whole, 0 when it was cut short
 * @param durationNanos from the request's head arriving to the end of the response being written
 * @param responseSent whether the whole response reached the connection
 */
public record CompletedRequest(RequestSummary summary, String method, String path, String remoteAddress, int status,
        long bytesIn, long bytesOut, long durationNanos, boolean responseSent) {

    /** 2xx, 3xx, 4xx or 5xx. */
    public String statusClass() {
        return (status / 100) + "xx";
    }
}
