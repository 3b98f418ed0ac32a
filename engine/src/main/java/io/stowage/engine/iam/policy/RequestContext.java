package io.stowage.engine.iam.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The condition keys of one request ("aws:SourceIp", "s3:prefix", ...) and their values. Key
 * names are case-insensitive, as in AWS. A key that is absent, or present with no values, is
 * missing for conditions; see {@link ConditionKeys} for the keys Stowage supplies.
 */
public final class RequestContext {

    private static final RequestContext EMPTY = new RequestContext(Map.of());

    private final Map<String, List<String>> values;

    private RequestContext(Map<String, List<String>> values) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        values.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        this.values = copy;
    }

    public static RequestContext of(Map<String, List<String>> values) {
        return new RequestContext(values);
    }

    public static RequestContext empty() {
        return EMPTY;
    }

    /** The key's values; empty when the key is missing. */
    List<String> values(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** The value a policy variable ${key} stands for: only a key with exactly one value has one. */
    Optional<String> variable(String key) {
        List<String> list = values(key);
        return list.size() == 1 ? Optional.of(list.getFirst()) : Optional.empty();
    }
}
