package io.stowage.backend.garage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stowage.admin.client.Access;
import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import io.stowage.admin.client.Grant;
import io.stowage.admin.client.KeyPair;
import io.stowage.admin.client.KeyStatus;
import io.stowage.admin.client.Quota;
import io.stowage.backend.AccessKey;
import io.stowage.server.it.StowageServerExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * An in-process stand-in for Garage's admin API, written from its API description (the v2 operations in
 * {@code src/api/admin/router_v2.rs} and {@code api.rs}, the v1 routes in {@code router_v1.rs}), <b>not</b> a Garage:
 * no Garage server can run on these machines, so the Garage backend is verified only against this fake.
 *
 * <p>It serves the operations {@link GarageBackend} calls, in v2 ({@code /v2/<Operation>}) or, for the fallback test,
 * v1 only ({@code /v1/key}, {@code /v1/bucket}, ...; {@code /v2/...} then answers 404). The bearer token is checked
 * (403 {@code AccessDenied} otherwise), state is in memory, errors are Garage's {@code {code, message, region, path}}.
 * As Garage does, it refuses to import a key id it has held before, even a deleted one.
 *
 * <p>The S3 data path is a real Stowage server: every Garage key becomes a Stowage key of one user that owns no
 * bucket, every bucket a Stowage bucket owned by root, and a key's {@code read}/{@code write} permissions on a bucket
 * become a Stowage key grant ({@code owner} alone reaches no data, as in Garage). A key without any of them is
 * disabled in Stowage, so it is refused everything (Garage would still answer its ListBuckets, empty). Bucket quotas
 * become Stowage bucket quotas, and bucket-name validation and "bucket not empty" are Stowage's. So S3 requests
 * signed with the keys the backend made reach exactly the buckets Garage would let them reach; whether real Garage
 * enforces its flags the same way is not tested here. ImportKey checks the key's form as Garage's {@code Key::import}
 * does ({@code GK} and 24 hex digits, a 64-hex-digit secret). A bucket may be created without an alias and named
 * later ({@code AddBucketAlias}, v1 {@code PUT /v1/bucket/alias/global}), as Garage allows; it becomes a Stowage bucket,
 * with its quota and its keys' grants, only when it is named (one global alias per bucket here). Not modelled: unfinished
 * uploads (CleanupIncompleteUploads answers 0), local aliases, website access, and every operation the backend does not
 * call.
 */
final class FakeGarage implements AutoCloseable {

    static final String TOKEN = "fake-garage-admin-token-0123456789";
    static final String USER = "garage-keys";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final AdminClient stowage;
    private final boolean v1Only;
    private final Map<String, FakeKey> keys = new LinkedHashMap<>();
    private final Set<String> usedKeyIds = new HashSet<>();
    private final Map<String, FakeBucket> buckets = new LinkedHashMap<>();
    private String failNext;

    private static final class FakeKey {
        final String id;
        final String secret;
        final String name;
        final Map<String, boolean[]> permissions = new LinkedHashMap<>();

        FakeKey(String id, String secret, String name) {
            this.id = id;
            this.secret = secret;
            this.name = name;
        }
    }

    /** A bucket; {@code alias} is null until it is named. */
    private record FakeBucket(String id, String alias, long[] quota) {
    }

    /** An error Garage answers: status, code, message. */
    private static final class GarageError extends Exception {
        final int status;
        final String code;

        GarageError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private FakeGarage(HttpServer server, AdminClient stowage, boolean v1Only) {
        this.server = server;
        this.stowage = stowage;
        this.v1Only = v1Only;
    }

    /** Starts a fake on 127.0.0.1 over the given Stowage server, speaking v2 or (for the fallback) v1 only. */
    static FakeGarage start(StowageServerExtension stowageServer, boolean v1Only) throws IOException {
        AdminClient stowage = AdminClient.builder(stowageServer.adminEndpoint()).token(StowageServerExtension.ADMIN_TOKEN).build();
        try {
            stowage.createUser(USER, false);
        } catch (AdminApiException e) {
            if (!e.isConflict()) {
                throw e;
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeGarage fake = new FakeGarage(server, stowage, v1Only);
        server.createContext("/", fake::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return fake;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Imports a key as {@code ImportKey} would, for a test's setup (the backend's own key). */
    synchronized void importKey(AccessKey key, String name) {
        ObjectNode body = JSON.createObjectNode().put("accessKeyId", key.id()).put("secretAccessKey", key.secret()).put("name", name);
        try {
            importKey(body);
        } catch (GarageError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Makes the next v2 call of this operation ({@code "AllowBucketKey"}, ...) fail with 500, as a crash would end it. */
    synchronized void failNext(String operation) {
        failNext = operation;
    }

    /** How many buckets have no alias. */
    synchronized long unnamedBuckets() {
        return buckets.values().stream().filter(b -> b.alias() == null).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            JsonNode answer;
            int status = 200;
            try {
                if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    throw new GarageError(403, "AccessDenied", "Forbidden: Invalid admin token");
                }
                String method = exchange.getRequestMethod();
                if (path.startsWith("/v2/") && !v1Only) {
                    answer = v2(method, path.substring(4), query, body);
                } else if (path.startsWith("/v1/")) {
                    answer = v1(method, path.substring(4), query, body);
                    status = method.equals("DELETE") ? 204 : 200;
                } else {
                    throw new GarageError(404, "NotFound", "Unknown API endpoint: " + method + " " + path);
                }
            } catch (GarageError e) {
                status = e.status;
                answer = JSON.createObjectNode().put("code", e.code).put("message", e.getMessage())
                        .put("region", "garage").put("path", path);
            }
            byte[] out = status == 204 ? new byte[0] : JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, status == 204 ? -1 : out.length);
            exchange.getResponseBody().write(out);
        } finally {
            exchange.close();
        }
    }

    private synchronized JsonNode v2(String method, String operation, Map<String, String> query, JsonNode body) throws GarageError {
        String expected = operation.startsWith("Get") || operation.startsWith("List") ? "GET" : "POST";
        if (!expected.equals(method)) {
            throw new GarageError(400, "InvalidRequest", "Bad request: " + operation + " takes " + expected);
        }
        if (operation.equals(failNext)) {
            failNext = null;
            throw new GarageError(500, "InternalError", "Internal error: failing " + operation + " as the test asked");
        }
        return switch (operation) {
            case "GetClusterHealth" -> JSON.createObjectNode().put("status", "healthy");
            case "GetKeyInfo" -> keyInfo(query);
            case "ImportKey" -> importKey(body);
            case "DeleteKey" -> deleteKey(required(query, "id"));
            case "ListKeys" -> listKeys();
            case "CreateBucket" -> createBucket(body);
            case "GetBucketInfo" -> bucketInfo(bucket(query));
            case "UpdateBucket" -> updateBucket(required(query, "id"), body);
            case "DeleteBucket" -> deleteBucket(required(query, "id"));
            case "AllowBucketKey" -> changePermissions(body, true);
            case "DenyBucketKey" -> changePermissions(body, false);
            case "AddBucketAlias" -> addGlobalAlias(body.path("bucketId").asText(""), body.path("globalAlias").asText(null));
            case "CleanupIncompleteUploads" -> JSON.createObjectNode().put("uploadsDeleted", 0);
            default -> throw new GarageError(404, "NotFound", "Unknown API endpoint: " + operation);
        };
    }

    private synchronized JsonNode v1(String method, String path, Map<String, String> query, JsonNode body) throws GarageError {
        return switch (method + " " + path) {
            case "GET key" -> query.containsKey("id") || query.containsKey("search") ? keyInfo(query) : listKeys();
            case "POST key/import" -> importKey(body);
            case "DELETE key" -> deleteKey(required(query, "id"));
            case "POST bucket" -> createBucket(body);
            case "GET bucket" -> bucketInfo(bucket(query));
            case "PUT bucket" -> updateBucket(required(query, "id"), body);
            case "DELETE bucket" -> deleteBucket(required(query, "id"));
            case "POST bucket/allow" -> changePermissions(body, true);
            case "POST bucket/deny" -> changePermissions(body, false);
            case "PUT bucket/alias/global" -> addGlobalAlias(required(query, "id"), required(query, "alias"));
            default -> throw new GarageError(400, "InvalidRequest", "Bad request: unknown API endpoint: " + method + " /v1/" + path);
        };
    }

    private JsonNode keyInfo(Map<String, String> query) throws GarageError {
        FakeKey key = key(required(query, "id"));
        ObjectNode info = JSON.createObjectNode().put("name", key.name).put("accessKeyId", key.id);
        if ("true".equals(query.get("showSecretKey"))) {
            info.put("secretAccessKey", key.secret);
        } else {
            info.putNull("secretAccessKey");
        }
        info.putObject("permissions").put("createBucket", false);
        ArrayNode held = info.putArray("buckets");
        key.permissions.forEach((bucketId, p) -> {
            FakeBucket bucket = buckets.get(bucketId);
            ObjectNode entry = held.addObject().put("id", bucketId);
            aliases(entry.putArray("globalAliases"), bucket);
            entry.putArray("localAliases");
            entry.set("permissions", permissions(p));
        });
        return info;
    }

    private JsonNode importKey(JsonNode body) throws GarageError {
        String id = body.path("accessKeyId").asText(null);
        String secret = body.path("secretAccessKey").asText(null);
        if (id == null || secret == null) {
            throw new GarageError(400, "InvalidRequest", "Bad request: accessKeyId and secretAccessKey are required");
        }
        if (!id.matches("GK[0-9a-fA-F]{24}") || !secret.matches("[0-9a-fA-F]{64}")) {
            throw new GarageError(400, "InvalidRequest", "Bad request: Invalid key format");
        }
        if (usedKeyIds.contains(id)) {
            throw new GarageError(409, "KeyAlreadyExists", "Key " + id + " already exists in data store. Even if it is "
                    + "deleted, we can't let you create a new key with the same ID. Sorry.");
        }
        try {
            stowage.createKey(USER, new KeyPair(id, secret), List.of());
            stowage.setKeyStatus(id, KeyStatus.DISABLED);
        } catch (AdminApiException e) {
            throw new GarageError(400, "InvalidRequest", "Bad request: Invalid key format");
        }
        usedKeyIds.add(id);
        FakeKey key = new FakeKey(id, secret, body.path("name").asText("Imported key"));
        keys.put(id, key);
        return keyInfo(Map.of("id", id));
    }

    private JsonNode deleteKey(String id) throws GarageError {
        key(id);
        keys.remove(id);
        stowage.deleteKey(id);
        return JSON.createObjectNode();
    }

    private JsonNode listKeys() {
        ArrayNode list = JSON.createArrayNode();
        keys.values().forEach(k -> list.addObject().put("id", k.id).put("name", k.name).put("expired", false));
        return list;
    }

    private JsonNode createBucket(JsonNode body) throws GarageError {
        if (body.hasNonNull("localAlias")) {
            throw new GarageError(400, "InvalidRequest", "Bad request: this fake does not model local aliases");
        }
        String alias = body.path("globalAlias").asText(null);
        if (alias != null && buckets.values().stream().anyMatch(b -> alias.equals(b.alias()))) {
            throw new GarageError(409, "BucketAlreadyExists", "Bucket already exists: " + alias);
        }
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        FakeBucket bucket = new FakeBucket(HexFormat.of().formatHex(id), null, new long[2]);
        if (alias != null) {
            bucket = name(bucket, alias);
        }
        buckets.put(bucket.id(), bucket);
        return bucketInfo(bucket);
    }

    /** Garage's AddBucketAlias with a global alias: refused when the alias names another bucket. */
    private JsonNode addGlobalAlias(String id, String alias) throws GarageError {
        FakeBucket bucket = bucket(Map.of("id", id));
        if (alias == null) {
            throw new GarageError(400, "InvalidRequest", "Bad request: this fake adds global aliases only");
        }
        if (alias.equals(bucket.alias())) {
            return bucketInfo(bucket);
        }
        for (FakeBucket other : buckets.values()) {
            if (alias.equals(other.alias())) {
                throw new GarageError(400, "InvalidRequest", "Bad request: Alias " + alias
                        + " already exists and points to different bucket: " + other.id());
            }
        }
        if (bucket.alias() != null) {
            throw new GarageError(400, "InvalidRequest", "Bad request: this fake gives a bucket one global alias only");
        }
        FakeBucket named = name(bucket, alias);
        buckets.put(id, named);
        return bucketInfo(named);
    }

    /** The bucket under its first global alias: made on Stowage then, with its quota and its keys' grants. */
    private FakeBucket name(FakeBucket bucket, String alias) throws GarageError {
        try {
            stowage.createBucket(alias, null, null);
        } catch (AdminApiException e) {
            throw new GarageError(400, "InvalidBucketName", "Invalid bucket name: " + alias);
        }
        FakeBucket named = new FakeBucket(bucket.id(), alias, bucket.quota());
        Quota quota = new Quota(named.quota()[0], named.quota()[1]);
        if (!Quota.NONE.equals(quota)) {
            stowage.setBucketQuota(alias, quota);
        }
        buckets.put(named.id(), named);
        for (FakeKey key : keys.values()) {
            boolean[] p = key.permissions.get(named.id());
            if (p != null) {
                mirror(key, named, p);
            }
        }
        return named;
    }

    private FakeBucket bucket(Map<String, String> query) throws GarageError {
        String id = query.get("id");
        String alias = query.get("globalAlias");
        if ((id == null) == (alias == null)) {
            throw new GarageError(400, "InvalidRequest", "Bad request: exactly one of id, globalAlias is required");
        }
        for (FakeBucket bucket : buckets.values()) {
            if (bucket.id().equals(id) || alias != null && alias.equals(bucket.alias())) {
                return bucket;
            }
        }
        throw new GarageError(404, "NoSuchBucket", "Bucket not found: " + (id != null ? id : alias));
    }

    private JsonNode bucketInfo(FakeBucket bucket) {
        ObjectNode info = JSON.createObjectNode().put("id", bucket.id());
        aliases(info.putArray("globalAliases"), bucket);
        info.put("websiteAccess", false);
        ArrayNode holders = info.putArray("keys");
        for (FakeKey key : keys.values()) {
            boolean[] p = key.permissions.get(bucket.id());
            if (p != null) {
                ObjectNode entry = holders.addObject().put("accessKeyId", key.id).put("name", key.name);
                entry.set("permissions", permissions(p));
                entry.putArray("bucketLocalAliases");
            }
        }
        ObjectNode quotas = info.putObject("quotas");
        if (bucket.quota()[0] == 0) {
            quotas.putNull("maxSize");
        } else {
            quotas.put("maxSize", bucket.quota()[0]);
        }
        if (bucket.quota()[1] == 0) {
            quotas.putNull("maxObjects");
        } else {
            quotas.put("maxObjects", bucket.quota()[1]);
        }
        return info;
    }

    private JsonNode updateBucket(String id, JsonNode body) throws GarageError {
        FakeBucket bucket = bucket(Map.of("id", id));
        JsonNode quotas = body.path("quotas");
        if (!quotas.isMissingNode()) {
            bucket.quota()[0] = Math.max(0, quotas.path("maxSize").asLong(0));
            bucket.quota()[1] = Math.max(0, quotas.path("maxObjects").asLong(0));
            Quota quota = new Quota(bucket.quota()[0], bucket.quota()[1]);
            if (bucket.alias() == null) {
                return bucketInfo(bucket);
            }
            if (Quota.NONE.equals(quota)) {
                stowage.clearBucketQuota(bucket.alias());
            } else {
                stowage.setBucketQuota(bucket.alias(), quota);
            }
        }
        return bucketInfo(bucket);
    }

    private JsonNode deleteBucket(String id) throws GarageError {
        FakeBucket bucket = bucket(Map.of("id", id));
        try {
            if (bucket.alias() != null) {
                stowage.deleteBucket(bucket.alias());
            }
        } catch (AdminApiException e) {
            if (e.isConflict()) {
                throw new GarageError(409, "BucketNotEmpty", "Tried to delete a non-empty bucket");
            }
            throw e;
        }
        buckets.remove(id);
        for (FakeKey key : keys.values()) {
            if (key.permissions.remove(id) != null) {
                updateStatus(key);
            }
        }
        return JSON.createObjectNode();
    }

    private JsonNode changePermissions(JsonNode body, boolean allow) throws GarageError {
        FakeBucket bucket = bucket(Map.of("id", body.path("bucketId").asText("")));
        FakeKey key = key(body.path("accessKeyId").asText(""));
        JsonNode change = body.path("permissions");
        boolean[] p = key.permissions.getOrDefault(bucket.id(), new boolean[3]).clone();
        String[] flags = {"read", "write", "owner"};
        for (int i = 0; i < 3; i++) {
            if (change.path(flags[i]).asBoolean(false)) {
                p[i] = allow;
            }
        }
        if (p[0] || p[1] || p[2]) {
            key.permissions.put(bucket.id(), p);
        } else {
            key.permissions.remove(bucket.id());
        }
        if (bucket.alias() != null) {
            mirror(key, bucket, p);
        }
        return bucketInfo(bucket);
    }

    /**
     * Makes the key's Stowage grant on the bucket say what its read and write flags say. A Stowage key without grants
     * would act with its user's rights (objects it wrote stay readable through their ACL), so it is disabled instead.
     */
    private void mirror(FakeKey key, FakeBucket bucket, boolean[] p) {
        try {
            stowage.deleteKeyGrant(key.id, bucket.alias(), "");
        } catch (AdminApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        Access access = p[0] && p[1] ? Access.READ_WRITE : p[0] ? Access.READ : p[1] ? Access.WRITE : null;
        if (access != null) {
            stowage.createGrant(Grant.forKey(key.id, bucket.alias(), "", access));
        }
        updateStatus(key);
    }

    /** Enables the key's Stowage key when it reaches data on a named bucket, disables it otherwise. */
    private void updateStatus(FakeKey key) {
        boolean reachesData = key.permissions.entrySet().stream()
                .anyMatch(held -> buckets.get(held.getKey()).alias() != null && (held.getValue()[0] || held.getValue()[1]));
        stowage.setKeyStatus(key.id, reachesData ? KeyStatus.ACTIVE : KeyStatus.DISABLED);
    }

    private static void aliases(ArrayNode into, FakeBucket bucket) {
        if (bucket.alias() != null) {
            into.add(bucket.alias());
        }
    }

    private FakeKey key(String id) throws GarageError {
        FakeKey key = keys.get(id);
        if (key == null) {
            throw new GarageError(404, "NoSuchAccessKey", "Access key not found: " + id);
        }
        return key;
    }

    private static ObjectNode permissions(boolean[] p) {
        return JSON.createObjectNode().put("read", p[0]).put("write", p[1]).put("owner", p[2]);
    }

    private static String required(Map<String, String> query, String name) throws GarageError {
        String value = query.get(name);
        if (value == null) {
            throw new GarageError(400, "InvalidRequest", "Bad request: missing query parameter " + name);
        }
        return value;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        stowage.close();
    }
}
