package io.stowage.csi;

import java.nio.file.Path;

/**
 * The unix socket a CSI plugin serves on, as {@code CSI_ENDPOINT} names it: {@code unix:///path/csi.sock},
 * {@code unix:/path/csi.sock} or the plain path. CSI plugins speak over unix sockets only; the plugin and its
 * sidecars (csi-provisioner, node-driver-registrar) mount the socket's directory.
 */
public record CsiEndpoint(Path socket) {

    public static final String DEFAULT = "unix:///csi/csi.sock";
    private static final String SCHEME = "unix:";

    /** @throws IllegalArgumentException when the value is empty or names another scheme */
    public static CsiEndpoint parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the CSI endpoint is empty; give unix:///path/csi.sock");
        }
        String path = value.strip();
        if (path.startsWith(SCHEME)) {
            path = path.substring(SCHEME.length());
            // unix:///p and unix:/p are both the absolute path /p
            path = path.startsWith("//") ? path.substring(2) : path;
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("the CSI endpoint must be unix:///absolute/path, not '" + value + "'");
            }
        } else if (path.contains("://")) {
            throw new IllegalArgumentException("CSI plugins serve on unix sockets only, not '" + value + "'");
        }
        return new CsiEndpoint(Path.of(path).toAbsolutePath().normalize());
    }

    @Override
    public String toString() {
        return "unix://" + socket;
    }
}
