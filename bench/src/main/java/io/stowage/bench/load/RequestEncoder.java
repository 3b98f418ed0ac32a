package io.stowage.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * Writes the head of a signed request: the constant parts are prepared once, so each request adds
 * only its method, path and query, the date, the signature and the body's length. A request with
 * a body is sent with x-amz-content-sha256 UNSIGNED-PAYLOAD, one without with the empty body's hash.
 * Not thread-safe: one per connection.
 */
final class RequestEncoder {

    private static final byte[] SPACE = ascii(" ");
    private static final byte[] QUESTION_MARK = ascii("?");
    private static final byte[] CONTENT_SHA256 = ascii("\r\nx-amz-content-sha256: ");
    private static final byte[] AMZ_DATE = ascii("\r\nx-amz-date: ");
    private static final byte[] AUTHORIZATION = ascii("\r\nAuthorization: ");
    private static final byte[] CONTENT_LENGTH = ascii("\r\nContent-Length: ");
    private static final byte[] CONTENT_MD5 = ascii("\r\nContent-MD5: ");
    private static final byte[] END = ascii("\r\n\r\n");

    /** " HTTP/1.1\r\nHost: HOST". */
    private final byte[] versionAndHost;
    private final RequestSigner signer;
    private final AmzDate clock = new AmzDate();
    private final byte[] signature = new byte[64];
    private final byte[] digits = new byte[20];

    RequestEncoder(RequestSigner signer, String host) {
        this.signer = signer;
        this.versionAndHost = ascii(" HTTP/1.1\r\nHost: " + host);
    }

    ByteBuf encode(Request r, ByteBufAllocator alloc) {
        return encode(r, clock.now(), alloc);
    }

    ByteBuf encode(Request r, byte[] amzDate, ByteBufAllocator alloc) {
        byte[] payloadHash = r.body() == null ? RequestSigner.EMPTY_SHA256 : RequestSigner.UNSIGNED_PAYLOAD;
        signer.sign(r.method(), r.path(), r.query(), payloadHash, amzDate, signature);
        ByteBuf out = alloc.ioBuffer(384 + r.path().length + r.query().length);
        out.writeBytes(r.method().bytes).writeBytes(SPACE).writeBytes(r.path());
        if (r.query().length > 0) {
            out.writeBytes(QUESTION_MARK).writeBytes(r.query());
        }
        out.writeBytes(versionAndHost);
        out.writeBytes(CONTENT_SHA256).writeBytes(payloadHash);
        out.writeBytes(AMZ_DATE).writeBytes(amzDate);
        out.writeBytes(AUTHORIZATION).writeBytes(signer.authorizationPrefix()).writeBytes(signature);
        if (r.body() != null) {
            out.writeBytes(CONTENT_LENGTH);
            writeDecimal(out, r.body().readableBytes());
        }
        if (r.contentMd5() != null) {
            out.writeBytes(CONTENT_MD5).writeCharSequence(r.contentMd5(), StandardCharsets.US_ASCII);
        }
        return out.writeBytes(END);
    }

    private void writeDecimal(ByteBuf out, long value) {
        int i = digits.length;
        do {
            digits[--i] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        out.writeBytes(digits, i, digits.length - i);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
