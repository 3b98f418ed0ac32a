package io.stowage.kube.provision;

import io.stowage.kube.model.InvalidSpecException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The Secret that configures a backend (see {@link io.stowage.backend.BackendSettings}). */
public record BackendRef(String namespace, String name) {

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    public BackendRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Reads {@code name} or {@code namespace/name}.
     *
     * @param defaultNamespace the namespace of a bare name
     * @param setting what the value came from, for the message when it is not a Secret reference
     */
    public static BackendRef parse(String value, String defaultNamespace, String setting) throws InvalidSpecException {
        if (value == null || value.isBlank()) {
            throw new InvalidSpecException(setting + " names no backend Secret");
        }
        String trimmed = value.trim();
        int slash = trimmed.indexOf('/');
        String namespace = slash < 0 ? defaultNamespace : trimmed.substring(0, slash);
        String name = slash < 0 ? trimmed : trimmed.substring(slash + 1);
        if (namespace == null || !DNS_SUBDOMAIN.matcher(namespace).matches() || !DNS_SUBDOMAIN.matcher(name).matches()) {
            throw new InvalidSpecException(setting + ": '" + value + "' is not a Secret reference (name or namespace/name)");
        }
        return new BackendRef(namespace, name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
