package io.stowage.admin.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A canned HTTP server for testing the client's own request building and answer parsing, and (from
 * the cli module's tests) what the CLI sends and prints: each "METHOD /raw/path?query" gets the
 * status and body set for it, or what a function of the request answers (for stateful fakes, such as
 * a cluster's membership in the kube module's tests). Every request is kept, in order.
 */
public final class StubAdminServer implements AutoCloseable {

    public record Reply(int status, String body, long delayMillis) {
    }

    public record Seen(String method, String rawPathAndQuery, String authorization, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Seen, Reply>> replies = new ConcurrentHashMap<>();
    private final List<Seen> requests = new CopyOnWriteArrayList<>();

    public StubAdminServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Seen seen = new Seen(exchange.getRequestMethod(), target, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(seen);
            Function<Seen, Reply> answer = replies.get(exchange.getRequestMethod() + " " + target);
            Reply reply = answer != null ? answer.apply(seen)
                    : new Reply(404, "{\"code\":\"NotFound\",\"message\":\"no stub for " + target + "\"}", 0);
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public StubAdminServer on(String methodAndTarget, int status, String body) {
        return answer(methodAndTarget, request -> new Reply(status, body, 0));
    }

    /** Answers METHOD TARGET with what ANSWER makes of each request; it runs on the server's thread. */
    public StubAdminServer answer(String methodAndTarget, Function<Seen, Reply> answer) {
        replies.put(methodAndTarget, answer);
        return this;
    }

    public StubAdminServer slowly(String methodAndTarget, long delayMillis) {
        return answer(methodAndTarget, request -> new Reply(200, "{}", delayMillis));
    }

    /** The last request, or null before the first. */
    public Seen last() {
        return requests.isEmpty() ? null : requests.getLast();
    }

    /** Every request so far, oldest first. */
    public List<Seen> requests() {
        return List.copyOf(requests);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
