package io.stowage.kube.pvci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PVCi API's listener: the JDK's HTTP server, one virtual thread per request, bodies up to 64 KiB. */
public final class PvciHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PvciHttpServer.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final int STOP_SECONDS = 5;

    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private PvciHttpServer(HttpServer http) {
        this.http = http;
    }

    /** Binds to {@code address} and serves {@code api} there. */
    public static PvciHttpServer start(InetSocketAddress address, PvciApi api) throws IOException {
        PvciHttpServer server = new PvciHttpServer(HttpServer.create(address, 0));
        server.http.createContext("/", exchange -> handle(exchange, api));
        server.http.setExecutor(server.executor);
        server.http.start();
        return server;
    }

    public InetSocketAddress localAddress() {
        return http.getAddress();
    }

    private static void handle(HttpExchange exchange, PvciApi api) {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            PvciApi.Response response = body == null
                    ? new PvciApi.Response(413, "{\"error\":\"the body is larger than 64 KiB\"}".getBytes())
                    : api.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("Authorization"), body);
            if (response.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (IOException e) {
            LOG.debug("PVCi API client went away: {}", e.getMessage());
        }
    }

    /** The body, or null when it exceeds {@link #MAX_BODY}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    @Override
    public void close() {
        http.stop(STOP_SECONDS);
        executor.close();
    }
}
