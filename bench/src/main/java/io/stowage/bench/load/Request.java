package io.stowage.bench.load;

import io.netty.buffer.ByteBuf;
import io.stowage.bench.load.http.Expect;

import java.nio.charset.StandardCharsets;

/**
 * One S3 request before signing.
 *
 * @param path       the URI-encoded path, ASCII
 * @param query      the canonical query (sorted, strictly encoded), ASCII, empty if none
 * @param body       the body, or null; a body is sent as UNSIGNED-PAYLOAD
 * @param contentMd5 the Content-MD5 header, or null (not signed)
 */
record Request(Method method, byte[] path, byte[] query, ByteBuf body, String contentMd5, Expect expect) {

    static final byte[] NO_QUERY = new byte[0];

    static Request of(Method method, byte[] path, ByteBuf body, Expect expect) {
        return new Request(method, path, NO_QUERY, body, null, expect);
    }

    static Request of(Method method, String path, String query, ByteBuf body, Expect expect) {
        return new Request(method, ascii(path), ascii(query), body, null, expect);
    }

    static byte[] ascii(String s) {
        return s.isEmpty() ? NO_QUERY : s.getBytes(StandardCharsets.US_ASCII);
    }
}
