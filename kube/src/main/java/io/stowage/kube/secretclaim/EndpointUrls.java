package io.stowage.kube.secretclaim;

import io.stowage.kube.provision.ClaimRefusedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Compares S3 endpoint URLs as addresses: scheme and host without regard to case, a port left out equal
 * to the scheme's default one, and no path equal to {@code /}.
 */
final class EndpointUrls {

    private EndpointUrls() {
    }

    /** Whether both URLs reach the same endpoint. */
    static boolean same(URI a, URI b) {
        return normalised(a).equals(normalised(b));
    }

    /**
     * Reads an endpoint URL a user wrote.
     *
     * @throws ClaimRefusedException when it is not an absolute http or https URL with a host
     */
    static URI parse(String value, String field) throws ClaimRefusedException {
        try {
            URI url = new URI(value.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below, with the field's name
        }
        throw new ClaimRefusedException("InvalidSecret",
                field + ": '" + value + "' is not an http(s) URL with a host, such as https://s3.example.com");
    }

    static String normalised(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
    }
}
