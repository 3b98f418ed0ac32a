package io.stowage.kube.operator;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * One request to the API server as RBAC judges it: a verb on a resource of an API group (with its
 * subresource, as {@code bucketaccesses/status}), in a namespace or, with a null namespace, cluster-wide.
 *
 * @param group {@code ""} for the core group; null for a path that names no resource (such as /version)
 */
public record ApiCall(String verb, String group, String resource, String namespace) {

    /**
     * The call a request makes, read off its method and path the way the API server's request info
     * resolver does: {@code /api/v1/...} or {@code /apis/GROUP/VERSION/...}, then
     * {@code [namespaces/NS/]RESOURCE[/NAME[/SUBRESOURCE]]}.
     */
    public static ApiCall of(String method, URI uri) {
        List<String> parts = Arrays.stream(uri.getPath().split("/")).filter(p -> !p.isEmpty()).toList();
        int start;
        String group;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            start = 2;
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            start = 3;
        } else {
            return new ApiCall(method.toLowerCase(java.util.Locale.ROOT), null, uri.getPath(), null);
        }
        List<String> rest = parts.subList(start, parts.size());
        String namespace = null;
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            return new ApiCall(method.toLowerCase(java.util.Locale.ROOT), null, uri.getPath(), null);
        }
        boolean named = rest.size() >= 2;
        String resource = rest.size() >= 3 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
        return new ApiCall(verb(method, named, uri.getQuery()), group, resource, namespace);
    }

    private static String verb(String method, boolean named, String query) {
        return switch (method) {
            case "GET" -> named ? "get" : query != null && query.matches("(.*&)?watch=(true|1)(&.*)?") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The same call in {@code namespace} instead of {@code from}; other calls unchanged. */
    public ApiCall movedFrom(String from, String to) {
        return from.equals(namespace) ? new ApiCall(verb, group, resource, to) : this;
    }

    @Override
    public String toString() {
        return verb + " " + (group == null || group.isEmpty() ? "" : group + "/") + resource
                + (namespace == null ? " (cluster-wide)" : " in " + namespace);
    }
}
