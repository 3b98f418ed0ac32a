package io.stowage.backend.garage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AdminAnswer;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendHttp;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.s3.UriEncoding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The calls of Garage's admin API that {@link GarageBackend} makes, on the JDK's HTTP client with the admin bearer
 * token. It speaks v2 ({@code /v2/<Operation>}, Garage 2.x) and falls back to v1 ({@code /v1/key}, {@code /v1/bucket},
 * Garage 0.9 and 1.x) when a probe of {@code GET /v2/GetClusterHealth} is answered 404 or 400: a v1 server does not
 * know the path (which of the two it answers is not verified). Request and answer bodies are the same in both versions
 * for the calls made here, and only the routes differ, except for adding a global alias: v2's {@code AddBucketAlias}
 * takes {@code {bucketId, globalAlias}}, v1's {@code PUT /v1/bucket/alias/global} the id and alias in its query.
 */
final class GarageAdminClient implements AutoCloseable {

    /** The admin API version a server speaks. */
    enum ApiVersion { V1, V2 }

    /** An operation with its v2 and v1 routes; {@code v1Method} null when v1 has no equivalent. */
    private enum Operation {
        GET_KEY_INFO("GET", "GetKeyInfo", "GET", "key"),
        IMPORT_KEY("POST", "ImportKey", "POST", "key/import"),
        DELETE_KEY("POST", "DeleteKey", "DELETE", "key"),
        LIST_KEYS("GET", "ListKeys", "GET", "key"),
        CREATE_BUCKET("POST", "CreateBucket", "POST", "bucket"),
        GET_BUCKET_INFO("GET", "GetBucketInfo", "GET", "bucket"),
        UPDATE_BUCKET("POST", "UpdateBucket", "PUT", "bucket"),
        DELETE_BUCKET("POST", "DeleteBucket", "DELETE", "bucket"),
        ALLOW_BUCKET_KEY("POST", "AllowBucketKey", "POST", "bucket/allow"),
        DENY_BUCKET_KEY("POST", "DenyBucketKey", "POST", "bucket/deny"),
        ADD_BUCKET_ALIAS("POST", "AddBucketAlias", "PUT", "bucket/alias/global"),
        CLEANUP_INCOMPLETE_UPLOADS("POST", "CleanupIncompleteUploads", null, null);

        final String v2Method;
        final String v2Name;
        final String v1Method;
        final String v1Path;

        Operation(String v2Method, String v2Name, String v1Method, String v1Path) {
            this.v2Method = v2Method;
            this.v2Name = v2Name;
            this.v1Method = v1Method;
            this.v1Path = v1Path;
        }
    }

    /** A key's permissions on a bucket, as both versions write them. */
    record Permissions(boolean read, boolean write, boolean owner) {

        static final Permissions ALL = new Permissions(true, true, true);

        static Permissions of(JsonNode permissions) {
            return new Permissions(permissions.path("read").asBoolean(false), permissions.path("write").asBoolean(false),
                    permissions.path("owner").asBoolean(false));
        }

        boolean any() {
            return read || write || owner;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final HttpClient http;
    private volatile ApiVersion version;

    private GarageAdminClient(String base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    static GarageAdminClient open(URI endpoint, String token, String caBundle) {
        return new GarageAdminClient(BackendHttp.base(endpoint), token, BackendHttp.client(caBundle));
    }

    /** The version the server speaks, probed once. */
    ApiVersion version() {
        ApiVersion known = version;
        if (known == null) {
            AdminAnswer probe = exchange("GET", "/v2/GetClusterHealth", null, "Garage admin API version probe");
            if (probe.status() == 404 || probe.status() == 400) {
                known = ApiVersion.V1;
            } else if (probe.status() == 429 || probe.status() >= 500) {
                throw new BackendException(Reason.UNAVAILABLE, "Garage admin API version probe: HTTP " + probe.status());
            } else {
                known = ApiVersion.V2;
            }
            version = known;
        }
        return known;
    }

    /** The key with its secret, or empty when there is none with this id. */
    Optional<JsonNode> key(String accessKeyId) {
        AdminAnswer answer = send(Operation.GET_KEY_INFO, params("id", accessKeyId, "showSecretKey", "true"), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.require("access key " + accessKeyId).json());
    }

    /**
     * Imports a key with its id and secret under a name.
     *
     * @throws BackendException {@code CONFLICT} when the id exists, or existed: Garage never frees a key id
     */
    void importKey(AccessKey key, String name) {
        ObjectNode body = JSON.createObjectNode().put("accessKeyId", key.id()).put("secretAccessKey", key.secret()).put("name", name);
        send(Operation.IMPORT_KEY, Map.of(), body).require("access key " + key.id());
    }

    /** Deletes a key; one that does not exist is success. */
    void deleteKey(String accessKeyId) {
        AdminAnswer answer = send(Operation.DELETE_KEY, params("id", accessKeyId), null);
        if (answer.status() != 404) {
            answer.require("access key " + accessKeyId);
        }
    }

    /** Every key as {@code {id, name}}. */
    List<JsonNode> keys() {
        List<JsonNode> keys = new ArrayList<>();
        send(Operation.LIST_KEYS, Map.of(), null).require("key list").json().forEach(keys::add);
        return keys;
    }

    /** The bucket with this global alias ({@code id}, {@code keys}, {@code quotas}, ...), or empty when there is none. */
    Optional<JsonNode> bucket(String globalAlias) {
        AdminAnswer answer = send(Operation.GET_BUCKET_INFO, params("globalAlias", globalAlias), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.require("bucket " + globalAlias).json());
    }

    /** Creates a bucket without any alias, which no S3 request can name, and answers its id. */
    String createUnnamedBucket(String bucket) {
        return send(Operation.CREATE_BUCKET, Map.of(), JSON.createObjectNode()).require("bucket " + bucket).json()
                .path("id").asText();
    }

    /**
     * Gives the bucket a global alias; one it has already is success.
     *
     * @return false when the alias names another bucket
     */
    boolean addGlobalAlias(String bucketId, String globalAlias) {
        AdminAnswer answer = version() == ApiVersion.V2
                ? send(Operation.ADD_BUCKET_ALIAS, Map.of(), JSON.createObjectNode().put("bucketId", bucketId).put("globalAlias", globalAlias))
                : send(Operation.ADD_BUCKET_ALIAS, params("id", bucketId, "alias", globalAlias), null);
        // Garage refuses a taken alias as a bad request (400); whose it is tells it from a refused name
        if (answer.status() == 400 || answer.status() == 409) {
            Optional<JsonNode> holder = bucket(globalAlias);
            if (holder.isPresent() && !bucketId.equals(holder.get().path("id").asText())) {
                return false;
            }
        }
        answer.require("bucket " + globalAlias);
        return true;
    }

    /** Replaces the bucket's quotas; a limit of 0 is sent as null, which Garage reads as none. */
    void setQuotas(String bucketId, BucketQuota quota, String bucket) {
        ObjectNode quotas = JSON.createObjectNode();
        if (quota.maxBytes() == 0) {
            quotas.putNull("maxSize");
        } else {
            quotas.put("maxSize", quota.maxBytes());
        }
        if (quota.maxObjects() == 0) {
            quotas.putNull("maxObjects");
        } else {
            quotas.put("maxObjects", quota.maxObjects());
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("quotas", quotas);
        send(Operation.UPDATE_BUCKET, params("id", bucketId), body).require("quota of bucket " + bucket);
    }

    /**
     * Deletes an empty bucket with its aliases; one that does not exist is success.
     *
     * @throws BackendException {@code BUCKET_NOT_EMPTY} when it holds objects
     */
    void deleteBucket(String bucketId, String bucket) {
        AdminAnswer answer = send(Operation.DELETE_BUCKET, params("id", bucketId), null);
        if (answer.status() == 404) {
            return;
        }
        if (answer.status() == 409 || "BucketNotEmpty".equals(answer.code())) {
            throw new BackendException(Reason.BUCKET_NOT_EMPTY, "bucket " + bucket + " is not empty");
        }
        answer.require("bucket " + bucket);
    }

    /** Sets the permissions flagged true (the others stay as they are). */
    void allow(String bucketId, String accessKeyId, Permissions permissions) {
        send(Operation.ALLOW_BUCKET_KEY, Map.of(), permissionChange(bucketId, accessKeyId, permissions))
                .require("access key " + accessKeyId);
    }

    /** Clears the permissions flagged true (the others stay as they are). */
    void deny(String bucketId, String accessKeyId, Permissions permissions) {
        send(Operation.DENY_BUCKET_KEY, Map.of(), permissionChange(bucketId, accessKeyId, permissions))
                .require("access key " + accessKeyId);
    }

    /** Aborts the bucket's unfinished multipart uploads (v2 only: v1 has no such call and this does nothing there). */
    void cleanupIncompleteUploads(String bucketId, String bucket) {
        if (version() == ApiVersion.V2) {
            ObjectNode body = JSON.createObjectNode().put("bucketId", bucketId).put("olderThanSecs", 0);
            send(Operation.CLEANUP_INCOMPLETE_UPLOADS, Map.of(), body).require("unfinished uploads of bucket " + bucket);
        }
    }

    private static ObjectNode permissionChange(String bucketId, String accessKeyId, Permissions permissions) {
        ObjectNode body = JSON.createObjectNode().put("bucketId", bucketId).put("accessKeyId", accessKeyId);
        body.putObject("permissions").put("read", permissions.read()).put("write", permissions.write())
                .put("owner", permissions.owner());
        return body;
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private AdminAnswer send(Operation operation, Map<String, String> params, JsonNode body) {
        boolean v2 = version() == ApiVersion.V2;
        String method = v2 ? operation.v2Method : operation.v1Method;
        String path = v2 ? "/v2/" + operation.v2Name : "/v1/" + operation.v1Path;
        String query = params.entrySet().stream()
                .map(e -> UriEncoding.encode(e.getKey()) + "=" + UriEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return exchange(method, query.isEmpty() ? path : path + "?" + query, body, "Garage admin API " + method + " " + path);
    }

    private AdminAnswer exchange(String method, String pathAndQuery, JsonNode body, String call) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON body", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).method(method, publisher)
                .header("Authorization", "Bearer " + token).timeout(BackendHttp.REQUEST_TIMEOUT);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> response = BackendHttp.send(http, request.build(), HttpResponse.BodyHandlers.ofByteArray(), call);
        return new AdminAnswer(call, response.statusCode(), response.body(), "code", "message");
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "GarageAdminClient[" + base + "]";
    }
}
