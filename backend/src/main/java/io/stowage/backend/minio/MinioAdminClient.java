package io.stowage.backend.minio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AdminAnswer;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendHttp;
import io.stowage.backend.s3.SigV4Signer;
import io.stowage.backend.s3.UriEncoding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The calls of MinIO's admin API ({@code /minio/admin/v4/...}) that {@link MinioBackend} makes, on the JDK's HTTP
 * client, SigV4-signed as S3 requests with the admin key ({@code X-Amz-Content-Sha256} the body's SHA-256). Bodies with
 * secrets (users, policy attachment) are encrypted with {@link MadminCrypto} under the admin's secret key, as the
 * server's answers to them are. The client speaks {@code v4}, as madmin does, and falls back to {@code v3} for good
 * when a server answers 426 Upgrade Required (an older MinIO).
 */
final class MinioAdminClient implements AutoCloseable {

    static final String V4 = "v4";
    static final String V3 = "v3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALREADY_APPLIED = "XMinioAdminPolicyChangeAlreadyApplied";

    private final String base;
    private final AccessKey adminKey;
    private final String region;
    private final HttpClient http;
    private volatile String version = V4;

    private MinioAdminClient(String base, AccessKey adminKey, String region, HttpClient http) {
        this.base = base;
        this.adminKey = adminKey;
        this.region = region;
        this.http = http;
    }

    static MinioAdminClient open(URI endpoint, AccessKey adminKey, String region, String caBundle) {
        return new MinioAdminClient(BackendHttp.base(endpoint), adminKey, region, BackendHttp.client(caBundle));
    }

    /** The API version in use: {@code v4} until a server asked for {@code v3}. */
    String version() {
        return version;
    }

    /** The user ({@code policyName}, {@code status}, {@code memberOf}), or empty when there is none. */
    Optional<JsonNode> userInfo(String accessKey) {
        AdminAnswer answer = send("GET", "user-info", params("accessKey", accessKey), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.require("user " + accessKey).json());
    }

    /** Every user ({@code policyName}, {@code status}, {@code memberOf}) by access key; MinIO encrypts this answer. */
    Map<String, JsonNode> users() {
        byte[] sealed = send("GET", "list-users", Map.of(), null).require("user list").body();
        JsonNode all;
        try {
            all = JSON.readTree(MadminCrypto.decrypt(adminKey.secret(), sealed));
        } catch (MadminDecryptionException | IOException e) {
            throw new BackendException(Reason.UNAVAILABLE, "MinIO's user list does not decrypt to JSON with the admin secret", e);
        }
        Map<String, JsonNode> users = new LinkedHashMap<>();
        all.properties().forEach(e -> users.put(e.getKey(), e.getValue()));
        return users;
    }

    /** Creates the user with this key, enabled, or sets the secret of the user that has the id. */
    void addUser(AccessKey key) {
        ObjectNode body = JSON.createObjectNode().put("secretKey", key.secret()).put("status", "enabled");
        send("PUT", "add-user", params("accessKey", key.id()), encrypt(body)).require("user " + key.id());
    }

    /** Deletes the user (MinIO takes it out of its groups); a user that does not exist is success. */
    void removeUser(String accessKey) {
        AdminAnswer answer = send("DELETE", "remove-user", params("accessKey", accessKey), null);
        if (answer.status() != 404) {
            answer.require("user " + accessKey);
        }
    }

    /** Creates or replaces a canned policy (the body is plain IAM policy JSON). */
    void addCannedPolicy(String name, String policy) {
        send("PUT", "add-canned-policy", params("name", name), policy.getBytes(StandardCharsets.UTF_8)).require("policy " + name);
    }

    /** The canned policy's document, or empty when there is none. */
    Optional<String> cannedPolicy(String name) {
        AdminAnswer answer = send("GET", "info-canned-policy", params("name", name), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(new String(answer.require("policy " + name).body(), StandardCharsets.UTF_8));
    }

    /** Every canned policy's document, by name. */
    Map<String, JsonNode> cannedPolicies() {
        Map<String, JsonNode> policies = new LinkedHashMap<>();
        send("GET", "list-canned-policies", Map.of(), null).require("policy list").json().properties()
                .forEach(e -> policies.put(e.getKey(), e.getValue()));
        return policies;
    }

    /** Deletes a canned policy; one that does not exist is success. */
    void removeCannedPolicy(String name) {
        AdminAnswer answer = send("DELETE", "remove-canned-policy", params("name", name), null);
        if (answer.status() != 404) {
            answer.require("policy " + name);
        }
    }

    /**
     * Sets the bucket's hard quota in bytes; 0 removes it. The body carries {@code size} and, for servers from before
     * its deprecation (2022), the same value as {@code quota}.
     */
    void setBucketQuota(String bucket, long bytes) {
        ObjectNode body = JSON.createObjectNode().put("size", bytes).put("quota", bytes).put("quotatype", "hard");
        send("PUT", "set-bucket-quota", params("bucket", bucket), json(body)).require("quota of bucket " + bucket);
    }

    /** The bucket's quota in bytes, 0 when it has none. */
    long bucketQuota(String bucket) {
        AdminAnswer answer = send("GET", "get-bucket-quota", params("bucket", bucket), null);
        if (answer.status() == 404) {
            return 0;
        }
        JsonNode quota = answer.require("quota of bucket " + bucket).json();
        long size = quota.path("size").asLong(0);
        return size > 0 ? size : quota.path("quota").asLong(0);
    }

    /** Attaches the canned policy to the user; one attached already is success. */
    void attachPolicy(String user, String policy) {
        changePolicy("attach", user, policy);
    }

    /** Detaches the canned policy from the user; one not attached is success. */
    void detachPolicy(String user, String policy) {
        changePolicy("detach", user, policy);
    }

    private void changePolicy(String change, String user, String policy) {
        ObjectNode body = JSON.createObjectNode().put("user", user);
        body.putArray("policies").add(policy);
        AdminAnswer answer = send("POST", "idp/builtin/policy/" + change, Map.of(), encrypt(body));
        if (answer.status() == 400 && ALREADY_APPLIED.equals(answer.code())) {
            return;
        }
        answer.require(change + " policy " + policy + " to user " + user);
    }

    /** Adds the user to the group, which is created when it does not exist. */
    void addToGroup(String group, String user) {
        updateGroup(group, List.of(user), false).require("group " + group);
    }

    /** Deletes a group that has no members; one that does not exist is success. */
    void removeGroup(String group) {
        AdminAnswer answer = updateGroup(group, List.of(), true);
        if (answer.status() != 404) {
            answer.require("group " + group);
        }
    }

    private AdminAnswer updateGroup(String group, List<String> members, boolean remove) {
        ObjectNode body = JSON.createObjectNode().put("group", group).put("isRemove", remove);
        ArrayNode array = body.putArray("members");
        members.forEach(array::add);
        return send("PUT", "update-group-members", Map.of(), json(body));
    }

    /** The group's members, or empty when there is no such group. */
    Optional<List<String>> groupMembers(String group) {
        AdminAnswer answer = send("GET", "group", params("group", group), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        List<String> members = new ArrayList<>();
        answer.require("group " + group).json().path("members").forEach(m -> members.add(m.asText()));
        return Optional.of(members);
    }

    /**
     * Whether MinIO accepts this key with this secret: {@code accountinfo} is the one admin call every user may make for
     * itself, so a refused signature there means another secret.
     */
    boolean accepts(AccessKey key) {
        AdminAnswer answer = send(key, "GET", "accountinfo", Map.of(), null);
        if (answer.status() == 403 && ("SignatureDoesNotMatch".equals(answer.code()) || "InvalidAccessKeyId".equals(answer.code()))) {
            return false;
        }
        answer.require("account of key " + key.id());
        return true;
    }

    private byte[] encrypt(JsonNode body) {
        return MadminCrypto.encrypt(adminKey.secret(), json(body));
    }

    private static byte[] json(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("JSON of a tree cannot fail", e);
        }
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private AdminAnswer send(String method, String resource, Map<String, String> params, byte[] body) {
        return send(adminKey, method, resource, params, body);
    }

    private AdminAnswer send(AccessKey key, String method, String resource, Map<String, String> params, byte[] body) {
        String used = version;
        AdminAnswer answer = exchange(key, used, method, resource, params, body);
        if (answer.status() == 426 && V4.equals(used)) {
            version = V3;
            answer = exchange(key, V3, method, resource, params, body);
        }
        return answer;
    }

    private AdminAnswer exchange(AccessKey key, String apiVersion, String method, String resource, Map<String, String> params,
                            byte[] body) {
        String query = params.entrySet().stream()
                .map(e -> UriEncoding.encode(e.getKey()) + "=" + UriEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String path = "/minio/admin/" + apiVersion + "/" + resource;
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
        byte[] payload = body == null ? new byte[0] : body;
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(BackendHttp.REQUEST_TIMEOUT)
                .method(method, payload.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (payload.length > 0) {
            builder.header("Content-Type", "application/octet-stream");
        }
        HttpRequest request = SigV4Signer.s3(key, region, Clock.systemUTC()).sign(builder.build(), payload);
        String call = "MinIO admin " + method + " " + path;
        HttpResponse<byte[]> response = BackendHttp.send(http, request, HttpResponse.BodyHandlers.ofByteArray(), call);
        return new AdminAnswer(call, response.statusCode(), response.body(), "Code", null);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "MinioAdminClient[" + base + ", " + version + "]";
    }
}
