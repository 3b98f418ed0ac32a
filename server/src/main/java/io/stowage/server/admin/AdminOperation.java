package io.stowage.server.admin;

import java.util.Set;

/** Every operation of the admin API: its method, path template and the query parameters it takes. */
enum AdminOperation {
    HEALTH("GET", "/admin/v1/health"),
    INFO("GET", "/admin/v1/info"),
    OPENAPI("GET", "/admin/v1/openapi.yaml"),

    CLUSTER_STATUS("GET", "/admin/v1/cluster"),
    ADD_MEMBER("POST", "/admin/v1/cluster/members"),
    REMOVE_MEMBER("DELETE", "/admin/v1/cluster/members/{id}"),

    CREATE_USER("POST", "/admin/v1/users"),
    LIST_USERS("GET", "/admin/v1/users"),
    GET_USER("GET", "/admin/v1/users/{name}"),
    DELETE_USER("DELETE", "/admin/v1/users/{name}"),
    CREATE_KEY("POST", "/admin/v1/users/{name}/keys"),
    LIST_KEYS("GET", "/admin/v1/users/{name}/keys"),

    GET_KEY("GET", "/admin/v1/keys/{id}"),
    SET_KEY_STATUS("PATCH", "/admin/v1/keys/{id}"),
    DELETE_KEY("DELETE", "/admin/v1/keys/{id}"),
    ROTATE_KEY("POST", "/admin/v1/keys/{id}/rotate"),

    CREATE_BUCKET("POST", "/admin/v1/buckets"),
    LIST_BUCKETS("GET", "/admin/v1/buckets"),
    GET_BUCKET("GET", "/admin/v1/buckets/{name}"),
    DELETE_BUCKET("DELETE", "/admin/v1/buckets/{name}", "force"),
    SET_OWNER("PUT", "/admin/v1/buckets/{name}/owner"),
    SET_QUOTA("PUT", "/admin/v1/buckets/{name}/quota"),
    DELETE_QUOTA("DELETE", "/admin/v1/buckets/{name}/quota"),
    LIST_PREFIX_QUOTAS("GET", "/admin/v1/buckets/{name}/prefix-quotas", "prefix"),
    SET_PREFIX_QUOTA("PUT", "/admin/v1/buckets/{name}/prefix-quotas"),
    DELETE_PREFIX_QUOTA("DELETE", "/admin/v1/buckets/{name}/prefix-quotas", "prefix"),
    GET_USAGE("GET", "/admin/v1/buckets/{name}/usage"),
    GET_TAGS("GET", "/admin/v1/buckets/{name}/tags"),
    PUT_TAGS("PUT", "/admin/v1/buckets/{name}/tags"),
    PUT_POLICY("PUT", "/admin/v1/buckets/{name}/policy"),
    GET_POLICY("GET", "/admin/v1/buckets/{name}/policy"),
    DELETE_POLICY("DELETE", "/admin/v1/buckets/{name}/policy"),

    CREATE_GRANT("POST", "/admin/v1/grants"),
    LIST_GRANTS("GET", "/admin/v1/grants", "bucket", "user", "key"),
    DELETE_GRANT("DELETE", "/admin/v1/grants", "bucket", "prefix", "user", "key");

    private final String method;
    private final String template;
    private final Set<String> queryParameters;

    AdminOperation(String method, String template, String... queryParameters) {
        this.method = method;
        this.template = template;
        this.queryParameters = Set.of(queryParameters);
    }

    String method() {
        return method;
    }

    /** The path with {@code {param}} placeholders for one segment each, as in the OpenAPI document. */
    String template() {
        return template;
    }

    Set<String> queryParameters() {
        return queryParameters;
    }

    /** Only the health check answers without credentials, so probes need none. */
    boolean authenticated() {
        return this != HEALTH;
    }
}
