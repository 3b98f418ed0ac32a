package io.stowage.bench.load.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    private final ResponseParser parser = new ResponseParser();

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** Feeds the whole text at once; the response, or null if the parser wants more. */
    private Response parse(Expect expect, String text) {
        parser.start(expect);
        ByteBuf in = bytes(text);
        try {
            return parser.feed(in) ? parser.response() : null;
        } finally {
            in.release();
        }
    }

    /** Feeds the text in pieces of {@code step} bytes, so that every line, number and chunk is split somewhere. */
    private Response parseInPieces(Expect expect, String text, int step) {
        parser.start(expect);
        for (int i = 0; i < text.length(); i += step) {
            ByteBuf piece = bytes(text.substring(i, Math.min(text.length(), i + step)));
            try {
                if (parser.feed(piece)) {
                    assertThat(i + piece.readerIndex()).isEqualTo(text.length());
                    return parser.response();
                }
            } finally {
                piece.release();
            }
        }
        return null;
    }

    @Test
    void countsAContentLengthBodyWithoutKeepingIt() {
        Response r = parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nETag: \"x\"\r\n\r\n0123456789");
        assertThat(r.error()).isNull();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentLength()).isEqualTo(10);
        assertThat(r.bodyLength()).isEqualTo(10);
        assertThat(r.body()).isNull();
        assertThat(r.etag()).isNull();
        assertThat(parser.closeAfter()).isFalse();
    }

    @Test
    void keepsTheBodyAndTheEtagWhenAsked() {
        String text = "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello";
        assertThat(parse(Expect.KEPT_BODY, text).bodyText()).isEqualTo("hello");
        Response part = parse(Expect.ETAG, "HTTP/1.1 200 OK\r\nETag:  \"abc\" \r\nContent-Length: 0\r\n\r\n");
        assertThat(part.etag()).isEqualTo("\"abc\"");
        assertThat(part.bodyLength()).isZero();
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() {
        String text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n"
                + "1A\r\nabcdefghijklmnopqrstuvwxyz\r\n"
                + "0\r\nx-amz-checksum-crc32: AAAAAA==\r\n\r\n";
        Response r = parse(Expect.KEPT_BODY, text);
        assertThat(r.error()).isNull();
        assertThat(r.contentLength()).isEqualTo(-1);
        assertThat(r.bodyLength()).isEqualTo(31);
        assertThat(r.bodyText()).isEqualTo("helloabcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void givesTheSameResponseWhenSplitAcrossBuffersAnywhere() {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n"
                + "10\r\n0123456789abcdef\r\n3\r\nxyz\r\n0\r\n\r\n";
        String plain = "HTTP/1.1 206 Partial Content\r\nContent-Length: 19\r\nETag: \"e\"\r\n\r\n0123456789abcdefxyz";
        for (int step = 1; step <= 8; step++) {
            Response c = parseInPieces(Expect.KEPT_BODY, chunked, step);
            assertThat(c.error()).isNull();
            assertThat(c.bodyText()).isEqualTo("0123456789abcdefxyz");
            Response p = parseInPieces(Expect.ETAG, plain, step);
            assertThat(p.error()).isNull();
            assertThat(p.status()).isEqualTo(206);
            assertThat(p.bodyLength()).isEqualTo(19);
            assertThat(p.etag()).isEqualTo("\"e\"");
        }
    }

    @Test
    void aShortBodyIsAnErrorWhenTheConnectionCloses() {
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\nonly this")).isNull();
        Response r = parser.closed();
        assertThat(r.error()).isEqualTo("connection closed after 9 of 4096 body bytes");
        assertThat(r.bodyLength()).isEqualTo(9);
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc")).isNull();
        assertThat(parser.closed().error()).startsWith("connection closed in a chunked body");
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nContent-")).isNull();
        assertThat(parser.closed().error()).isEqualTo("connection closed in the response headers");
        parser.start(Expect.DISCARDED_BODY);
        assertThat(parser.closed().error()).isEqualTo("connection closed before a response");
    }

    @Test
    void aBodyWithoutLengthRunsToTheEndOfTheConnection() {
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\n\r\nsome bytes")).isNull();
        assertThat(parser.closeAfter()).isTrue();
        Response r = parser.closed();
        assertThat(r.error()).isNull();
        assertThat(r.bodyLength()).isEqualTo(10);
    }

    @Test
    void keepsTheBodyOfAnErrorForTheMessage() {
        Response r = parse(Expect.DISCARDED_BODY, "HTTP/1.1 403 Forbidden\r\nContent-Length: 49\r\n\r\n"
                + "<Error><Code>SignatureDoesNotMatch</Code></Error>");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.bodyText()).contains("SignatureDoesNotMatch");
    }

    @Test
    void theAnswerToAHeadHasNoBodyWhateverItsLength() {
        Response r = parse(Expect.NO_BODY, "HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n");
        assertThat(r.error()).isNull();
        assertThat(r.contentLength()).isEqualTo(4096);
        assertThat(r.bodyLength()).isZero();
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 204 No Content\r\n\r\n").status()).isEqualTo(204);
    }

    @Test
    void skipsAnInterimResponse() {
        Response r = parse(Expect.DISCARDED_BODY, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyLength()).isEqualTo(2);
    }

    @Test
    void leavesTheBytesAfterTheResponse() {
        parser.start(Expect.DISCARDED_BODY);
        ByteBuf in = bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: Close\r\n\r\nokEXTRA");
        assertThat(parser.feed(in)).isTrue();
        assertThat(in.readableBytes()).isEqualTo(5);
        assertThat(parser.closeAfter()).isTrue();
        in.release();
    }

    @Test
    void malformedResponsesAreErrors() {
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/2 200\r\n\r\n").error()).startsWith("malformed status line");
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nno colon\r\n\r\n").error()).startsWith("malformed header");
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n").error())
                .startsWith("bad Content-Length");
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").error())
                .startsWith("bad Content-Length");
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n").error())
                .startsWith("unsupported Transfer-Encoding");
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").error())
                .startsWith("malformed chunk size");
        assertThat(parse(Expect.DISCARDED_BODY, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n").error())
                .isEqualTo("no line end after a chunk");
        assertThat(parser.closeAfter()).isTrue();
    }
}
