package io.stowage.server.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the S3 and admin ports use TLS, validated once.
 *
 * @param mode off, auto or files; null picks files when a certificate or key file is given, else off
 * @param certFile the PEM certificate chain, leaf first (files mode only)
 * @param keyFile the PEM private key of the leaf certificate (files mode only)
 * @param caFile a PEM bundle: clients are told to trust it, and its intermediates complete the chain
 *     served when the certificate file lacks them (files mode only, optional)
 * @param sans DNS names and IP addresses the generated certificate covers besides the defaults
 *     (auto mode only)
 */
public record TlsConfig(TlsMode mode, Path certFile, Path keyFile, Path caFile, List<String> sans) {

    public TlsConfig {
        if (mode == null) {
            mode = certFile != null || keyFile != null ? TlsMode.FILES : TlsMode.OFF;
        }
        sans = sans == null ? List.of() : sans.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        if (mode == TlsMode.FILES) {
            if (certFile == null) {
                throw new IllegalArgumentException("--tls-cert is required with --tls files");
            }
            if (keyFile == null) {
                throw new IllegalArgumentException("--tls-key is required with --tls files");
            }
        } else {
            String lowered = mode.name().toLowerCase(Locale.ROOT);
            if (certFile != null || keyFile != null) {
                throw new IllegalArgumentException(
                        "--tls-cert and --tls-key are only read with --tls files, not --tls " + lowered);
            }
            if (caFile != null) {
                throw new IllegalArgumentException("--tls-ca is only read with --tls files, not --tls " + lowered);
            }
        }
        if (mode != TlsMode.AUTO && !sans.isEmpty()) {
            throw new IllegalArgumentException("--tls-san is only used with --tls auto; with --tls files the names come from"
                    + " the certificate");
        }
        for (String name : sans) {
            if (!SubjectAltNames.isIpAddress(name) && !SubjectAltNames.isDnsName(name)) {
                throw new IllegalArgumentException("--tls-san must list DNS names or IP addresses, was '" + name + "'");
            }
        }
    }

    /** Plain HTTP. */
    public static TlsConfig off() {
        return new TlsConfig(TlsMode.OFF, null, null, null, List.of());
    }

    public boolean enabled() {
        return mode != TlsMode.OFF;
    }
}
