package io.stowage.s3.http;

import io.netty.handler.codec.http.HttpHeaders;

/** The head of an HTTP request as received: method, request target and headers. */
public record IncomingRequest(String method, String uri, HttpHeaders headers, String remoteAddress) {
}
