package io.stowage.s3.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The decoded query parameters of a request, in order; a parameter without '=' has the value "". */
public final class QueryParams {

    private final Map<String, List<String>> params;

    private QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    public static QueryParams parse(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = PercentDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), true);
                String value = eq < 0 ? "" : PercentDecoder.decode(pair.substring(eq + 1), true);
                params.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
        }
        return new QueryParams(params);
    }

    /** The parameter names, in the order they first appear. */
    public Set<String> names() {
        return Collections.unmodifiableSet(params.keySet());
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    /** The first value of a parameter, or null when absent. */
    public String first(String name) {
        List<String> values = params.get(name);
        return values == null ? null : values.getFirst();
    }
}
