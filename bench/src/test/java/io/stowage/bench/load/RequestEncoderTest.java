package io.stowage.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.stowage.bench.load.http.Expect;
import io.stowage.s3.auth.AuthRequest;
import io.stowage.s3.auth.SigV4Authenticator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The encoded heads, parsed by Netty's HTTP decoder and verified by the server's own SigV4 authenticator. */
class RequestEncoderTest {

    private static final String HOST = "127.0.0.1:9000";
    private static final Instant NOW = Instant.parse("2026-11-22T13:45:07Z");
    private static final byte[] DATE = new AmzDate().at(NOW.getEpochSecond());

    private final RequestEncoder encoder = new RequestEncoder(
            new RequestSigner("benchkey", "bench-secret-key", "us-east-1", "s3", HOST), HOST);
    private final SigV4Authenticator server = new SigV4Authenticator(
            id -> "benchkey".equals(id) ? Optional.of("bench-secret-key") : Optional.empty(), "us-east-1",
            Clock.fixed(NOW, ZoneOffset.UTC));

    private HttpRequest decode(Request r) {
        ByteBuf head = encoder.encode(r, DATE, ByteBufAllocator.DEFAULT);
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder());
        channel.writeInbound(head);
        HttpRequest decoded = channel.readInbound();
        assertThat(decoded.decoderResult().isSuccess()).as(decoded.decoderResult().toString()).isTrue();
        channel.finishAndReleaseAll();
        return decoded;
    }

    private String authenticate(HttpRequest decoded) {
        Map<String, List<String>> headers = new TreeMap<>();
        decoded.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(h.getValue()));
        int q = decoded.uri().indexOf('?');
        String path = q < 0 ? decoded.uri() : decoded.uri().substring(0, q);
        String query = q < 0 ? "" : decoded.uri().substring(q + 1);
        return server.authenticate(new AuthRequest(decoded.method().name(), path, query, headers)).accessKeyId();
    }

    @Test
    void aPutCarriesItsLengthAndAnUnsignedPayloadAndIsAccepted() {
        ByteBuf body = Unpooled.wrappedBuffer(new byte[4096]);
        HttpRequest put = decode(Request.of(Method.PUT, Request.ascii("/bucket/p001/o%20x~1"), body, Expect.DISCARDED_BODY));
        assertThat(put.method().name()).isEqualTo("PUT");
        assertThat(put.uri()).isEqualTo("/bucket/p001/o%20x~1");
        assertThat(put.headers().get("Host")).isEqualTo(HOST);
        assertThat(put.headers().get("Content-Length")).isEqualTo("4096");
        assertThat(put.headers().get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(put.headers().get("x-amz-date")).isEqualTo("20261122T134507Z");
        assertThat(put.headers().contains("Content-MD5")).isFalse();
        assertThat(authenticate(put)).isEqualTo("benchkey");
    }

    @Test
    void aGetWithAQueryHasNoLengthAndTheEmptyBodysHash() {
        HttpRequest list = decode(Request.of(Method.GET, "/bucket", "continuation-token=a%2Fb&list-type=2&max-keys=1000",
                null, Expect.KEPT_BODY));
        assertThat(list.uri()).isEqualTo("/bucket?continuation-token=a%2Fb&list-type=2&max-keys=1000");
        assertThat(list.headers().contains("Content-Length")).isFalse();
        assertThat(list.headers().get("x-amz-content-sha256")).isEqualTo(SigV4Signer.EMPTY_SHA256);
        assertThat(authenticate(list)).isEqualTo("benchkey");
    }

    @Test
    void aDeleteObjectsCarriesItsContentMd5AndAnEmptyBodyItsZeroLength() throws Exception {
        byte[] xml = "<Delete></Delete>".getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(xml));
        HttpRequest post = decode(new Request(Method.POST, Request.ascii("/bucket"), Request.ascii("delete="),
                Unpooled.wrappedBuffer(xml), md5, Expect.KEPT_BODY));
        assertThat(post.headers().get("Content-MD5")).isEqualTo(md5);
        assertThat(post.headers().get("Content-Length")).isEqualTo(String.valueOf(xml.length));
        assertThat(authenticate(post)).isEqualTo("benchkey");
        HttpRequest empty = decode(Request.of(Method.PUT, Request.ascii("/bucket/empty"), Unpooled.EMPTY_BUFFER,
                Expect.DISCARDED_BODY));
        assertThat(empty.headers().get("Content-Length")).isEqualTo("0");
    }

    @Test
    void theDateIsFormattedOncePerSecond() {
        AmzDate clock = new AmzDate();
        byte[] first = clock.at(NOW.getEpochSecond());
        assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("20261122T134507Z");
        assertThat(clock.at(NOW.getEpochSecond())).isSameAs(first);
        assertThat(new String(clock.at(NOW.getEpochSecond() + 86_400), StandardCharsets.US_ASCII)).isEqualTo("20261123T134507Z");
    }
}
