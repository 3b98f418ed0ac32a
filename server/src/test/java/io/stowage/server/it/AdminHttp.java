package io.stowage.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Plain HTTP calls to the admin API with java.net.http, authenticated by the admin token or SigV4. */
final class AdminHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** How a request proves who sends it. */
    sealed interface Auth permits None, Bearer, SigV4 {
    }

    record None() implements Auth {
    }

    record Bearer(String token) implements Auth {
    }

    record SigV4(String accessKeyId, String secretKey) implements Auth {
    }

    record Response(int status, String body, HttpResponse<byte[]> raw) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The error code of an error response. */
        String code() {
            return json().path("code").asText();
        }
    }

    private final URI endpoint;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Auth auth;

    AdminHttp(URI endpoint, Auth auth) {
        this.endpoint = endpoint;
        this.auth = auth;
    }

    /** The same endpoint with other credentials. */
    AdminHttp as(Auth other) {
        return new AdminHttp(endpoint, other);
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    Response post(String path, String body) {
        return send("POST", path, body);
    }

    Response put(String path, String body) {
        return send("PUT", path, body);
    }

    Response patch(String path, String body) {
        return send("PATCH", path, body);
    }

    /** Sends {@code body} (null for none); {@code path} is percent-encoded and may carry a query. */
    Response send(String method, String path, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return sendBytes(method, path, bytes, Map.of());
    }

    Response sendBytes(String method, String path, byte[] body, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            request.header("Content-Type", "application/json");
        }
        extraHeaders.forEach(request::header);
        switch (auth) {
            case None n -> {
            }
            case Bearer b -> request.header("Authorization", "Bearer " + b.token());
            case SigV4 s -> RawHttp.sign(endpoint, method, path, body, extraHeaders, s.accessKeyId(), s.secretKey(),
                    Clock.systemUTC()).forEach((name, value) -> {
                        if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && !extraHeaders.containsKey(name)) {
                            request.header(name, value);
                        }
                    });
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
