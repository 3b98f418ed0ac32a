package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

/** Setting up users, keys and buckets through the admin API (docs/admin-api.md) for S3 tests. */
final class AdminCalls {

    private final AdminHttp http;

    AdminCalls(URI endpoint, String token) {
        this.http = new AdminHttp(endpoint, new AdminHttp.Bearer(token));
    }

    /** Sends a request and requires a 2xx answer. */
    private void send(String method, String path, String json) {
        AdminHttp.Response response = http.send(method, path, json);
        assertThat(response.status()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    }

    void user(String name, String accessKeyId, String secretKey) {
        send("POST", "/admin/v1/users",
                "{\"name\":\"" + name + "\",\"accessKeyId\":\"" + accessKeyId + "\",\"secretKey\":\"" + secretKey + "\"}");
    }

    void user(String name) {
        send("POST", "/admin/v1/users", "{\"name\":\"" + name + "\"}");
    }

    void bucket(String name, String owner) {
        send("POST", "/admin/v1/buckets", "{\"name\":\"" + name + "\",\"owner\":\"" + owner + "\"}");
    }

    /** A key of {@code user} that reaches only {@code bucket}, with {@code access} read, write or read-write. */
    void scopedKey(String user, String accessKeyId, String secretKey, String bucket, String access) {
        send("POST", "/admin/v1/users/" + user + "/keys", "{\"accessKeyId\":\"" + accessKeyId + "\",\"secretKey\":\""
                + secretKey + "\",\"grants\":[{\"bucket\":\"" + bucket + "\",\"access\":\"" + access + "\"}]}");
    }

    void disableKey(String accessKeyId) {
        send("PATCH", "/admin/v1/keys/" + accessKeyId, "{\"status\":\"disabled\"}");
    }
}
