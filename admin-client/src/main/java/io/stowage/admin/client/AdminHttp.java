package io.stowage.admin.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/** Sends admin API requests and turns every failure into an {@link AdminApiException}. */
final class AdminHttp implements AutoCloseable {

    /** A successful (2xx) answer. */
    record Answer(int status, byte[] body, String request) {
    }

    private final String endpoint;
    private final String token;
    private final Duration requestTimeout;
    private final HttpClient http;

    /** @param tls the TLS context for https endpoints; null for the JDK's default trust */
    AdminHttp(URI endpoint, String token, Duration connectTimeout, Duration requestTimeout, SSLContext tls) {
        String base = endpoint.toString();
        this.endpoint = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.requestTimeout = requestTimeout;
        // HTTP/1.1 only: the default would try an h2c upgrade on plain-text connections.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    String endpoint() {
        return endpoint;
    }

    Answer send(String method, ApiPath path, byte[] jsonBody) {
        return send(method, path, jsonBody, true);
    }

    Answer send(String method, ApiPath path, byte[] jsonBody, boolean authenticate) {
        String request = method + " " + path;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(jsonBody));
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
        }
        if (authenticate && token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new AdminApiException(0, AdminApiException.TIMEOUT,
                    "no answer from the admin API at " + endpoint + " to " + request + " in time (" + e.getMessage() + ")", e);
        } catch (SSLException e) {
            throw new AdminApiException(0, AdminApiException.UNREACHABLE, "no TLS connection to the admin API at " + endpoint
                    + " (is the CA certificate of its TLS certificate trusted?): " + describe(e), e);
        } catch (IOException e) {
            throw new AdminApiException(0, AdminApiException.UNREACHABLE,
                    "cannot reach the admin API at " + endpoint + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiException(0, AdminApiException.INTERRUPTED, "interrupted while waiting for " + request, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw error(status, response.body(), request);
        }
        return new Answer(status, response.body(), request);
    }

    <T> T decode(Answer answer, Class<T> type) {
        try {
            return AdminJson.read(answer.body(), type);
        } catch (IOException e) {
            throw unreadable(answer, e);
        }
    }

    <T> T decode(Answer answer, TypeReference<T> type) {
        try {
            return AdminJson.read(answer.body(), type);
        } catch (IOException e) {
            throw unreadable(answer, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private record ErrorBody(String code, String message) {
    }

    private AdminApiException error(int status, byte[] body, String request) {
        ErrorBody parsed;
        try {
            parsed = AdminJson.read(body, ErrorBody.class);
        } catch (IOException | RuntimeException e) {
            parsed = new ErrorBody(null, null);
        }
        String code = parsed.code() != null ? parsed.code() : codeFor(status);
        String message = parsed.message() != null ? parsed.message()
                : "HTTP " + status + " from the admin API at " + endpoint + " to " + request;
        return new AdminApiException(status, code, message);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "InvalidRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            default -> status >= 500 ? "InternalError" : AdminApiException.INVALID_RESPONSE;
        };
    }

    // The parser's own message may quote the body, which can hold a secret: name only where it failed.
    private AdminApiException unreadable(Answer answer, IOException e) {
        String where = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " (at " + mapping.getPathReference() + ")" : "";
        return new AdminApiException(answer.status(), AdminApiException.INVALID_RESPONSE,
                "unreadable answer from the admin API at " + endpoint + " to " + answer.request() + where);
    }

    // The JDK client's connection failures often carry no message, only their type.
    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            } else if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }
}
