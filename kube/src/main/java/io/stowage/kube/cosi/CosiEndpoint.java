package io.stowage.kube.cosi;

import java.nio.file.Path;

/**
 * The unix socket a COSI driver serves on, as COSI names it: {@code unix:///path/to/name.sock} (the
 * sidecar's {@code --driver-addr}, the driver's {@code COSI_ENDPOINT}). COSI drivers speak over unix
 * sockets only; both containers of the pod mount the socket's directory.
 */
public record CosiEndpoint(Path socket) {

    public static final String DEFAULT = "unix:///var/lib/cosi/cosi.sock";
    private static final String SCHEME = "unix://";

    /**
     * @throws IllegalArgumentException when the value is not a {@code unix://} URL of an absolute path
     *     ending in {@code .sock}
     */
    public static CosiEndpoint parse(String value) {
        if (value == null || !value.startsWith(SCHEME + "/") || !value.endsWith(".sock")) {
            throw new IllegalArgumentException("the COSI endpoint must be unix:///absolute/path/name.sock, not '" + value + "'");
        }
        return new CosiEndpoint(Path.of(value.substring(SCHEME.length())).normalize());
    }

    @Override
    public String toString() {
        return SCHEME + socket;
    }
}
