package io.stowage.server.admin;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's listener: the JDK's built-in HTTP server, one virtual thread per request. The
 * admin API is low volume with small bodies, so a second Netty pipeline (with its own codec,
 * back-pressure and error paths) would cost more than it gives.
 */
public final class AdminHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpServer.class);

    /** How long closing waits for requests in flight. */
    private static final int STOP_SECONDS = 5;

    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean started;

    private AdminHttpServer(HttpServer http) {
        this.http = http;
    }

    /**
     * Binds to {@code address} only; requests are taken once {@link #start} is called.
     *
     * @param https the TLS settings for HTTPS, or null for plain HTTP
     */
    public static AdminHttpServer bind(InetSocketAddress address, HttpsConfigurator https) throws IOException {
        if (https == null) {
            return new AdminHttpServer(HttpServer.create(address, 0));
        }
        HttpsServer server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(https);
        return new AdminHttpServer(server);
    }

    public InetSocketAddress localAddress() {
        return http.getAddress();
    }

    public void start(AdminService service) {
        http.createContext("/", exchange -> handle(exchange, service));
        http.setExecutor(executor);
        http.start();
        started = true;
    }

    private static void handle(HttpExchange exchange, AdminService service) {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            AdminService.Outcome outcome = service.process(new AdminRequest(exchange.getRequestMethod(), uri.getRawPath(),
                    uri.getPath(), uri.getRawQuery(), lowerCaseHeaders(exchange.getRequestHeaders()),
                    exchange.getRequestBody()));
            AdminResponse response = outcome.response();
            Headers headers = exchange.getResponseHeaders();
            headers.set("X-Request-Id", outcome.requestId());
            if (response.status() == 401) {
                headers.set("WWW-Authenticate", "Bearer");
            }
            if (response.contentType() != null) {
                headers.set("Content-Type", response.contentType());
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            LOG.debug("Admin response not sent: {}", e.toString());
        }
    }

    private static Map<String, List<String>> lowerCaseHeaders(Headers headers) {
        Map<String, List<String>> map = new HashMap<>();
        headers.forEach((name, values) -> map.put(name.toLowerCase(Locale.ROOT), values));
        return map;
    }

    /** Stops taking requests and waits a little for those in flight. */
    @Override
    public void close() {
        // the JDK's server waits out the whole delay when it never started
        http.stop(started ? STOP_SECONDS : 0);
        executor.shutdownNow();
    }
}
