package io.stowage.bench.load.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection against a scripted server on loopback: keep-alive, reconnects, broken and missing responses. */
class HttpConnectionTest {

    /** Answers each request (head and Content-Length body read) with the next of its answers; null: hang up. */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger accepted = new AtomicInteger();
        final List<String> requests = new ArrayList<>();
        private final Thread thread;

        ScriptedServer(String... answers) throws IOException {
            thread = Thread.ofPlatform().daemon().start(() -> serve(answers));
        }

        private void serve(String[] answers) {
            int next = 0;
            while (next < answers.length) {
                try (Socket s = socket.accept()) {
                    accepted.incrementAndGet();
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    String head;
                    while (next < answers.length && (head = readRequest(in)) != null) {
                        synchronized (requests) {
                            requests.add(head);
                        }
                        String answer = answers[next++];
                        if (answer == null) {
                            break;
                        }
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        if (answer.contains("Connection: close")) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** The request's head, its body read and dropped; null at the end of the connection. */
        private static String readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int c;
            while (!head.toString().endsWith("\r\n\r\n")) {
                if ((c = in.read()) < 0) {
                    return null;
                }
                head.append((char) c);
            }
            int at = head.indexOf("Content-Length: ");
            if (at >= 0) {
                long length = Long.parseLong(head.substring(at + 16, head.indexOf("\r\n", at)));
                in.readNBytes((int) length);
            }
            return head.toString();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5000);
        }
    }

    private HttpTransport transport;

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    private static ByteBuf head(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static Response call(HttpConnection c, String head, ByteBuf body, Expect expect) throws Exception {
        CompletableFuture<Response> response = new CompletableFuture<>();
        c.send(head(head), body, expect, response::complete);
        return response.get(10, TimeUnit.SECONDS);
    }

    private static final String GET = "GET /b/k HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nETag: \"e\"\r\n\r\n")) {
            transport = new HttpTransport("127.0.0.1", server.port(), 1);
            HttpConnection c = transport.connection();
            assertThat(call(c, GET, null, Expect.DISCARDED_BODY).bodyLength()).isEqualTo(3);
            assertThat(call(c, GET, null, Expect.KEPT_BODY).bodyText()).isEqualTo("abc");
            String put = "PUT /b/k HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n";
            Response r = call(c, put, Unpooled.wrappedBuffer(new byte[5000]), Expect.ETAG);
            assertThat(r.error()).isNull();
            assertThat(r.etag()).isEqualTo("\"e\"");
            assertThat(server.accepted.get()).isEqualTo(1);
            assertThat(server.requests).hasSize(3);
        }
    }

    @Test
    void connectsAgainAfterTheServerClosed() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                "HTTP/1.1 204 No Content\r\n\r\n")) {
            transport = new HttpTransport("127.0.0.1", server.port(), 1);
            HttpConnection c = transport.connection();
            assertThat(call(c, GET, null, Expect.DISCARDED_BODY).error()).isNull();
            Response second = call(c, GET, null, Expect.DISCARDED_BODY);
            assertThat(second.error()).isNull();
            assertThat(second.status()).isEqualTo(204);
            assertThat(server.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionLostInTheBodyIsAnError() throws Exception {
        try (ScriptedServer server = new ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nabc")) {
            transport = new HttpTransport("127.0.0.1", server.port(), 1);
            Response r = call(transport.connection(), GET, null, Expect.DISCARDED_BODY);
            assertThat(r.error()).isEqualTo("connection closed after 3 of 10 body bytes");
        }
    }

    @Test
    void aRequestWithoutAnAnswerFailsAfterTheTimeout() throws Exception {
        try (ScriptedServer server = new ScriptedServer(null, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            // the first request's connection is dropped without an answer
            transport = new HttpTransport("127.0.0.1", server.port(), 1, TimeUnit.MILLISECONDS.toNanos(500));
            HttpConnection c = transport.connection();
            assertThat(call(c, GET, null, Expect.DISCARDED_BODY).error()).isEqualTo("connection closed before a response");
            assertThat(call(c, GET, null, Expect.DISCARDED_BODY).error()).isNull();
        }
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            transport.close();
            transport = new HttpTransport("127.0.0.1", silent.getLocalPort(), 1, TimeUnit.MILLISECONDS.toNanos(500));
            assertThat(call(transport.connection(), GET, null, Expect.DISCARDED_BODY).error())
                    .startsWith("no complete response within");
        }
    }

    @Test
    void aRefusedConnectionIsAnError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        transport = new HttpTransport("127.0.0.1", port, 1);
        assertThat(call(transport.connection(), GET, null, Expect.DISCARDED_BODY).error()).startsWith("connect: ");
    }
}
