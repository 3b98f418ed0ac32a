package io.stowage.probes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics port of the server and of the operator: {@code GET /metrics} in the Prometheus text
 * format, {@code GET /health/live} and {@code GET /health/ready}. Nothing here needs authentication or
 * reveals a secret; the port binds to the address it is given, and exposing it further is the
 * deployer's choice. The JDK's HTTP server, one virtual thread per request.
 */
public final class ProbeHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeHttpServer.class);

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final int STOP_SECONDS = 2;

    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean started;

    private ProbeHttpServer(HttpServer http) {
        this.http = http;
    }

    /** Binds to {@code address} only; requests are taken once {@link #start} is called. */
    public static ProbeHttpServer bind(InetSocketAddress address) throws IOException {
        return new ProbeHttpServer(HttpServer.create(address, 0));
    }

    public InetSocketAddress localAddress() {
        return http.getAddress();
    }

    /**
     * @param scrape the metrics in the Prometheus text format
     * @param readiness asked on every {@code /health/ready}: 200 when {@link Readiness.State#READY}, else 503
     */
    public void start(Supplier<String> scrape, Supplier<Readiness.State> readiness) {
        http.createContext("/", exchange -> handle(exchange, scrape, readiness));
        http.setExecutor(executor);
        http.start();
        started = true;
    }

    private static void handle(HttpExchange exchange, Supplier<String> scrape, Supplier<Readiness.State> readiness) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean known = path.equals("/metrics") || path.equals("/health/live") || path.equals("/health/ready");
            String method = exchange.getRequestMethod();
            Response response;
            if (!known) {
                response = new Response(404, JSON, "{\"error\":\"not found\"}");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                response = new Response(405, JSON, "{\"error\":\"method not allowed\"}");
            } else {
                response = switch (path) {
                    case "/metrics" -> metrics(scrape);
                    case "/health/live" -> new Response(200, JSON, "{\"status\":\"live\"}");
                    default -> ready(readiness);
                };
            }
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("Metrics response not sent: {}", e.toString());
        }
    }

    private static Response metrics(Supplier<String> scrape) {
        try {
            return new Response(200, PROMETHEUS_TEXT, scrape.get());
        } catch (RuntimeException e) {
            LOG.warn("Metrics scrape failed", e);
            return new Response(500, JSON, "{\"error\":\"scrape failed\"}");
        }
    }

    private static Response ready(Supplier<Readiness.State> readiness) {
        Readiness.State state = readiness.get();
        String body = "{\"status\":\"" + state.name().toLowerCase(Locale.ROOT) + "\"}";
        return new Response(state == Readiness.State.READY ? 200 : 503, JSON, body);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (response.status() == 405) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        }
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    private record Response(int status, String contentType, String body) {
    }

    /** Stops taking requests and waits a little for those in flight. */
    @Override
    public void close() {
        // the JDK's server waits out the whole delay when it never started
        http.stop(started ? STOP_SECONDS : 0);
        executor.shutdownNow();
    }
}
