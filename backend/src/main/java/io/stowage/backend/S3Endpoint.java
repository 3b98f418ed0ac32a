package io.stowage.backend;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * How workloads reach a backend's buckets over S3.
 *
 * @param url scheme, host and port, for example {@code https://stowage.storage.svc:9000}
 * @param caBundle PEM certificates that verify the endpoint's TLS certificate, or {@code null} when
 *     the system's trust store does (or the endpoint is plain HTTP)
 */
public record S3Endpoint(URI url, String region, AddressingStyle addressingStyle, String caBundle) {

    public S3Endpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(addressingStyle, "addressingStyle");
    }

    public boolean tls() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** The port, with the scheme's default when the URL names none. */
    public int port() {
        return url.getPort() != -1 ? url.getPort() : tls() ? 443 : 80;
    }

    public String host() {
        return url.getHost();
    }

    /** The URL with its port always spelled out, for clients that read only this one value. */
    public String urlWithPort() {
        try {
            return new URI(url.getScheme(), null, host(), port(), url.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("endpoint " + url + " cannot carry its port", e);
        }
    }
}
