package io.stowage.backend;

import io.stowage.admin.client.TrustedCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP side every backend client shares (the admin clients of RGW, MinIO, Garage and VersityGW, and S3): one
 * client configuration, and one meaning for a call that gets no answer, {@link BackendException.Reason#UNAVAILABLE}.
 */
public final class BackendHttp {

    /** How long one call may take, its whole answer included. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private BackendHttp() {
    }

    /** An HTTP/1.1 client that trusts {@code caBundle} (PEM certificates) when one is given, else the JDK's trust store. */
    public static HttpClient client(String caBundle) {
        // HTTP/1.1 only: the default would try an h2c upgrade on plain-text connections.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
        if (caBundle != null) {
            builder.sslContext(TrustedCertificates.sslContext(caBundle.getBytes(StandardCharsets.US_ASCII)));
        }
        return builder.build();
    }

    /** The endpoint's URL without a trailing '/', for paths to be appended to. */
    public static String base(URI endpoint) {
        String url = endpoint.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Sends the request; when no answer comes (unreachable, timed out, interrupted) the failure is
     * {@link BackendException.Reason#UNAVAILABLE}, named after {@code call} and where it went.
     */
    public static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler, String call) {
        String target = request.uri().getScheme() + "://" + request.uri().getRawAuthority();
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new BackendException(BackendException.Reason.UNAVAILABLE, call + ": no answer from " + target + " in time", e);
        } catch (IOException e) {
            throw new BackendException(BackendException.Reason.UNAVAILABLE, call + ": cannot reach " + target + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Reason.UNAVAILABLE, call + ": interrupted", e);
        }
    }

    // The JDK client's connection failures often carry no message, only their type.
    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
