package io.stowage.server.admin;

import java.util.Map;

/** A routed request: the operation and the values of its path template's placeholders. */
record RouteMatch(AdminOperation operation, Map<String, String> pathParameters) {

    RouteMatch {
        pathParameters = Map.copyOf(pathParameters);
    }

    String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
