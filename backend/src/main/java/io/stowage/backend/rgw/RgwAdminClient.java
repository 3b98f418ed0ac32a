package io.stowage.backend.rgw;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AdminAnswer;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendHttp;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.s3.SigV4Signer;
import io.stowage.backend.s3.UriEncoding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Admin Ops calls of Ceph RGW that {@link RgwBackend} makes, on the JDK's HTTP client, signed with SigV4 as
 * S3 requests. Every parameter goes in the query and no request has a body: Pacific answers a SigV4 request whose
 * payload is signed and not empty with 501 NotImplemented.
 */
final class RgwAdminClient implements AutoCloseable {

    private final String base;
    private final SigV4Signer signer;
    private final HttpClient http;

    private RgwAdminClient(String base, SigV4Signer signer, HttpClient http) {
        this.base = base;
        this.signer = signer;
        this.http = http;
    }

    static RgwAdminClient open(URI endpoint, AccessKey adminKey, String region, String caBundle) {
        return new RgwAdminClient(BackendHttp.base(endpoint),
                SigV4Signer.s3(adminKey, region, Clock.systemUTC()), BackendHttp.client(caBundle));
    }

    /** The user, or empty when there is none with this uid. */
    Optional<JsonNode> user(String uid) {
        AdminAnswer answer = send("GET", "user", params("uid", uid));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.require("user " + uid).json());
    }

    /**
     * The user holding this S3 key, or empty when no user holds it. RGW answers an unknown key with 403
     * AccessDenied, as it answers a caller without the {@code users} cap: this client's caller must have it.
     */
    Optional<JsonNode> userOfKey(String accessKeyId) {
        AdminAnswer answer = send("GET", "user", params("access-key", accessKeyId));
        if (answer.status() == 404 || (answer.status() == 403 && "AccessDenied".equals(answer.code()))) {
            return Optional.empty();
        }
        return Optional.of(answer.require("access key " + accessKeyId).json());
    }

    /** All uids. */
    List<String> uids() {
        List<String> uids = new ArrayList<>();
        send("GET", "metadata/user", Map.of()).require("user list").json().forEach(uid -> uids.add(uid.asText()));
        return uids;
    }

    /**
     * Creates a user with this key and no other; {@code maxBuckets} -1 forbids it to create buckets.
     *
     * @return false when the uid is taken (the user is left as it is)
     */
    boolean createUser(String uid, String displayName, AccessKey key, int maxBuckets) {
        Map<String, String> params = params("uid", uid, "display-name", displayName, "key-type", "s3",
                "access-key", key.id(), "secret-key", key.secret(), "max-buckets", Integer.toString(maxBuckets));
        AdminAnswer answer = send("PUT", "user", params);
        if (answer.status() == 409 && "UserAlreadyExists".equals(answer.code())) {
            return false;
        }
        answer.require("user " + uid);
        return true;
    }

    /** Adds an S3 key to a user. */
    void addKey(String uid, AccessKey key) {
        send("PUT", "user", params("key", "", "uid", uid, "key-type", "s3", "access-key", key.id(), "secret-key", key.secret()))
                .require("access key " + key.id());
    }

    /** Removes an S3 key from a user; a key it does not hold is success. */
    void removeKey(String uid, String accessKeyId) {
        AdminAnswer answer = send("DELETE", "user", params("key", "", "uid", uid, "key-type", "s3", "access-key", accessKeyId));
        if (answer.status() == 404 || "InvalidAccessKeyId".equals(answer.code())) {
            return;
        }
        answer.require("access key " + accessKeyId);
    }

    /** Deletes a user with its keys (not its buckets); a user that does not exist is success. */
    void deleteUser(String uid) {
        AdminAnswer answer = send("DELETE", "user", params("uid", uid));
        if (answer.status() != 404) {
            answer.require("user " + uid);
        }
    }

    /** The bucket's description ({@code owner}, {@code bucket_quota}, ...), or empty when there is no such bucket. */
    Optional<JsonNode> bucket(String bucket) {
        AdminAnswer answer = send("GET", "bucket", params("bucket", bucket));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.require("bucket " + bucket).json());
    }

    /** Links the bucket to the user, which makes it the bucket's owner (objects keep theirs). */
    void link(String bucket, String uid) {
        send("PUT", "bucket", params("bucket", bucket, "uid", uid)).require("bucket " + bucket);
    }

    /**
     * Sets the bucket's quota. Both limits are always sent (-1 for none): a missing {@code max-size-kb} becomes 0,
     * which refuses every write. Sizes go in KiB, rounded up.
     */
    void setBucketQuota(String bucket, String owner, BucketQuota quota) {
        Map<String, String> params = params("quota", "", "bucket", bucket, "uid", owner);
        params.putAll(limits(quota));
        send("PUT", "bucket", params).require("quota of bucket " + bucket);
    }

    /** The user's quota ({@code enabled}, {@code max_size}, {@code max_objects}); NOT_FOUND when there is no such user. */
    JsonNode userQuota(String uid) {
        return send("GET", "user", params("quota", "", "uid", uid, "quota-type", "user")).require("quota of user " + uid).json();
    }

    /** Sets the user's quota (all its buckets together), the limits sent as for {@link #setBucketQuota}. */
    void setUserQuota(String uid, BucketQuota quota) {
        Map<String, String> params = params("quota", "", "uid", uid, "quota-type", "user");
        params.putAll(limits(quota));
        send("PUT", "user", params).require("quota of user " + uid);
    }

    private static Map<String, String> limits(BucketQuota quota) {
        long sizeKb = quota.maxBytes() == 0 ? -1 : (quota.maxBytes() + 1023) / 1024;
        long objects = quota.maxObjects() == 0 ? -1 : quota.maxObjects();
        return Map.of("enabled", Boolean.toString(!BucketQuota.NONE.equals(quota)), "max-size-kb", Long.toString(sizeKb),
                "max-objects", Long.toString(objects));
    }

    /**
     * Deletes the bucket, with its objects when {@code purge}.
     *
     * @return false when it does not exist
     * @throws BackendException {@code BUCKET_NOT_EMPTY} when it holds objects and {@code purge} is false
     */
    boolean deleteBucket(String bucket, boolean purge) {
        AdminAnswer answer = send("DELETE", "bucket", params("bucket", bucket, "purge-objects", Boolean.toString(purge)));
        if (answer.status() == 404) {
            return false;
        }
        if (answer.status() == 409 && "BucketNotEmpty".equals(answer.code())) {
            throw new BackendException(Reason.BUCKET_NOT_EMPTY, "bucket " + bucket + " is not empty");
        }
        answer.require("bucket " + bucket);
        return true;
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private AdminAnswer send(String method, String resource, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> UriEncoding.encode(e.getKey()) + "=" + UriEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + "/admin/" + resource + "?" + (query.isEmpty() ? "format=json" : query + "&format=json"));
        HttpRequest request = signer.sign(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(BackendHttp.REQUEST_TIMEOUT).build(), SigV4Signer.EMPTY_SHA256);
        String call = "RGW Admin Ops " + method + " /admin/" + resource;
        HttpResponse<byte[]> response = BackendHttp.send(http, request, HttpResponse.BodyHandlers.ofByteArray(), call);
        return new AdminAnswer(call, response.statusCode(), response.body(), "Code", null);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "RgwAdminClient[" + base + "]";
    }
}
