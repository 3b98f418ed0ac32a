package io.stowage.server.tls;

import java.util.Locale;

/** Whether and from where the S3 and admin ports get their certificate. */
public enum TlsMode {
    /** Plain HTTP: for loopback, or behind a proxy that terminates TLS. */
    OFF,
    /** A self-signed CA and a server certificate generated into the data directory. */
    AUTO,
    /** A certificate chain and key from PEM files, re-read when they change. */
    FILES;

    /** Reads off, auto or files, in any case. */
    public static TlsMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls must be off, auto or files, was '" + value + "'");
        }
    }
}
