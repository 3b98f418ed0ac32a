package io.stowage.server.admin;

/**
 * Who an authenticated admin request acts as.
 *
 * @param name "admin-token", or the access key id that signed the request (never a secret)
 * @param payloadSha256 the lower-case hex SHA-256 the body must have (SigV4), or null (bearer token)
 */
record AdminPrincipal(String name, String payloadSha256) {

    static final AdminPrincipal TOKEN = new AdminPrincipal("admin-token", null);
    static final AdminPrincipal NONE = new AdminPrincipal("-", null);
}
