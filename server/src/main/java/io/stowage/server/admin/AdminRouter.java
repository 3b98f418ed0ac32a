package io.stowage.server.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Maps a method and a decoded path to an {@link AdminOperation}: a pure function over the operations' templates. */
final class AdminRouter {

    private AdminRouter() {
    }

    /**
     * @throws AdminException NotFound for a path no operation has, MethodNotAllowed (naming the
     *     allowed methods) for a path whose operations take other methods
     */
    static RouteMatch route(String method, String path) {
        List<String> segments = segments(path);
        TreeSet<String> allowed = new TreeSet<>();
        for (AdminOperation operation : AdminOperation.values()) {
            Map<String, String> parameters = match(segments(operation.template()), segments);
            if (parameters == null) {
                continue;
            }
            if (operation.method().equals(method)) {
                return new RouteMatch(operation, parameters);
            }
            allowed.add(operation.method());
        }
        if (allowed.isEmpty()) {
            throw AdminException.notFound("no admin API resource at " + path);
        }
        throw new AdminException(AdminErrorCode.MethodNotAllowed,
                path + " takes " + String.join(", ", allowed) + ", not " + method);
    }

    private static Map<String, String> match(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String s = segments.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (s.isEmpty()) {
                    return null;
                }
                parameters.put(t.substring(1, t.length() - 1), s);
            } else if (!t.equals(s)) {
                return null;
            }
        }
        return parameters;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
        if (!segments.isEmpty() && segments.getFirst().isEmpty()) {
            segments.removeFirst();
        }
        return segments;
    }
}
