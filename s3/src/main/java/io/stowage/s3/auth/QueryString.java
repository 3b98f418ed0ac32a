package io.stowage.s3.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A raw query string split into parameters, for reading X-Amz-* values and building the canonical query. */
final class QueryString {

    private record Parameter(String rawName, String rawValue, String name) {
    }

    private record Canonical(String name, String value) {
    }

    private static final Comparator<Canonical> ORDER =
            Comparator.comparing(Canonical::name).thenComparing(Canonical::value);

    private final List<Parameter> parameters;

    private QueryString(List<Parameter> parameters) {
        this.parameters = parameters;
    }

    /** Splits {@code rawQuery} (without '?'); a parameter without '=' has an empty value. */
    static QueryString parse(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String rawName = equals < 0 ? pair : pair.substring(0, equals);
                String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
                parameters.add(new Parameter(rawName, rawValue, SigV4Encoding.decode(rawName)));
            }
        }
        return new QueryString(parameters);
    }

    boolean contains(String name) {
        return parameters.stream().anyMatch(p -> p.name().equals(name));
    }

    /** The decoded value of the first parameter called {@code name}, or null. */
    String value(String name) {
        for (Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                return SigV4Encoding.decode(parameter.rawValue());
            }
        }
        return null;
    }

    /** The SigV4 canonical query string, leaving out parameters called {@code excluded} (may be null). */
    String canonical(String excluded) {
        List<Canonical> canonical = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            if (!parameter.name().equals(excluded)) {
                canonical.add(new Canonical(SigV4Encoding.canonicalComponent(parameter.rawName()),
                        SigV4Encoding.canonicalComponent(parameter.rawValue())));
            }
        }
        canonical.sort(ORDER);
        StringBuilder out = new StringBuilder();
        for (Canonical parameter : canonical) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(parameter.name()).append('=').append(parameter.value());
        }
        return out.toString();
    }
}
