package io.stowage.admin.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The admin API of one Stowage server (docs/admin-api.md): users, access keys, buckets, quotas,
 * bucket policies, grants and a cluster's members.
 *
 * <p>Every method throws {@link AdminApiException} when the call fails. Creates are idempotent on
 * the server: repeating one with the same parameters answers the existing resource, and the
 * {@link CreateResult} says which happened. Deletes of resources that are already gone succeed.
 * Thread-safe; close it to release its connections.
 */
public final class AdminClient implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final TypeReference<List<User>> USERS = new TypeReference<>() { };
    private static final TypeReference<List<Key>> KEYS = new TypeReference<>() { };
    private static final TypeReference<List<Bucket>> BUCKETS = new TypeReference<>() { };
    private static final TypeReference<List<Grant>> GRANTS = new TypeReference<>() { };
    private static final TypeReference<List<PrefixQuota>> PREFIX_QUOTAS = new TypeReference<>() { };

    private final AdminHttp http;

    private AdminClient(AdminHttp http) {
        this.http = http;
    }

    /** A client of the admin API at {@code endpoint}, for example {@code http://127.0.0.1:9001}. */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    // ---- users

    /** Creates a user with a first access key the server generates. */
    public CreateResult<UserWithKey> createUser(String name, boolean admin) {
        return createUser(name, admin, null);
    }

    /**
     * Creates a user with the given first access key, or one the server generates when
     * {@code key} is null. A repeat answers the user with the given key, or the user alone when
     * the key was generated.
     */
    public CreateResult<UserWithKey> createUser(String name, boolean admin, KeyPair key) {
        var body = new CreateUserBody(name, admin, key == null ? null : key.accessKeyId(), key == null ? null : key.secretKey());
        return create(ApiPath.of("users"), body, UserWithKey.class);
    }

    public List<User> listUsers() {
        return http.decode(http.send("GET", ApiPath.of("users"), null), USERS);
    }

    public User getUser(String name) {
        return http.decode(http.send("GET", ApiPath.of("users", name), null), User.class);
    }

    /** Deletes a user and its keys; {@link AdminApiException#isConflict() conflict} while it owns buckets. */
    public void deleteUser(String name) {
        http.send("DELETE", ApiPath.of("users", name), null);
    }

    // ---- access keys

    /**
     * Creates an access key of {@code user}. Only a create with a given key pair is idempotent:
     * without one each call makes a new key, so a caller that may repeat the call after a crash
     * supplies the pair.
     *
     * @param key the key id and secret, or null for a key the server generates
     * @param grants what the key is limited to; empty or null for a key with all its user's rights
     */
    public CreateResult<KeyWithSecret> createKey(String user, KeyPair key, List<KeyGrant> grants) {
        var body = new CreateKeyBody(key == null ? null : key.accessKeyId(), key == null ? null : key.secretKey(),
                grants == null || grants.isEmpty() ? null : grants);
        return create(ApiPath.of("users", user, "keys"), body, KeyWithSecret.class);
    }

    public List<Key> listKeys(String user) {
        return http.decode(http.send("GET", ApiPath.of("users", user, "keys"), null), KEYS);
    }

    public Key getKey(String accessKeyId) {
        return http.decode(http.send("GET", ApiPath.of("keys", accessKeyId), null), Key.class);
    }

    public Key setKeyStatus(String accessKeyId, KeyStatus status) {
        return http.decode(http.send("PATCH", ApiPath.of("keys", accessKeyId), AdminJson.write(new StatusBody(status))), Key.class);
    }

    public void deleteKey(String accessKeyId) {
        http.send("DELETE", ApiPath.of("keys", accessKeyId), null);
    }

    /**
     * Creates a new generated key of the same user with the same grants. The old key keeps
     * working until it is deleted.
     */
    public KeyWithSecret rotateKey(String accessKeyId) {
        return rotateKey(accessKeyId, null);
    }

    /** Like {@link #rotateKey(String)}, with the new key's id and secret given (null: generated). */
    public KeyWithSecret rotateKey(String accessKeyId, KeyPair newKey) {
        var body = new KeyPairBody(newKey == null ? null : newKey.accessKeyId(), newKey == null ? null : newKey.secretKey());
        return http.decode(http.send("POST", ApiPath.of("keys", accessKeyId, "rotate"), AdminJson.write(body)), KeyWithSecret.class);
    }

    // ---- buckets

    /**
     * Creates a bucket.
     *
     * @param owner the owning user, or null for {@code root}
     * @param quota the bucket's limits, or null for none
     */
    public CreateResult<Bucket> createBucket(String name, String owner, Quota quota) {
        return create(ApiPath.of("buckets"), new CreateBucketBody(name, owner, quota), Bucket.class);
    }

    public List<Bucket> listBuckets() {
        return http.decode(http.send("GET", ApiPath.of("buckets"), null), BUCKETS);
    }

    public Bucket getBucket(String name) {
        return http.decode(http.send("GET", ApiPath.of("buckets", name), null), Bucket.class);
    }

    /** Deletes an empty bucket; {@link AdminApiException#isConflict() conflict} when it is not empty. */
    public void deleteBucket(String name) {
        http.send("DELETE", ApiPath.of("buckets", name), null);
    }

    /** Deletes a bucket with every object and unfinished upload in it. */
    public void forceDeleteBucket(String name) {
        http.send("DELETE", ApiPath.of("buckets", name).query("force", "true"), null);
    }

    public Bucket setBucketOwner(String name, String owner) {
        return http.decode(http.send("PUT", ApiPath.of("buckets", name, "owner"), AdminJson.write(new OwnerBody(owner))), Bucket.class);
    }

    /** Replaces the bucket's quota; a 0 limit removes that limit. */
    public Bucket setBucketQuota(String name, Quota quota) {
        return http.decode(http.send("PUT", ApiPath.of("buckets", name, "quota"), AdminJson.write(quota)), Bucket.class);
    }

    public Bucket clearBucketQuota(String name) {
        return http.decode(http.send("DELETE", ApiPath.of("buckets", name, "quota"), null), Bucket.class);
    }

    public Usage getBucketUsage(String name) {
        return http.decode(http.send("GET", ApiPath.of("buckets", name, "usage"), null), Usage.class);
    }

    // ---- prefix quotas

    /** The bucket's prefix quotas with the usage under each, by prefix. */
    public List<PrefixQuota> listPrefixQuotas(String bucket) {
        return http.decode(http.send("GET", ApiPath.of("buckets", bucket, "prefix-quotas"), null), PREFIX_QUOTAS);
    }

    /** The quota of exactly this prefix, or null when it has none. */
    public PrefixQuota getPrefixQuota(String bucket, String prefix) {
        ApiPath path = ApiPath.of("buckets", bucket, "prefix-quotas").query("prefix", Objects.requireNonNull(prefix, "prefix"));
        List<PrefixQuota> found = http.decode(http.send("GET", path, null), PREFIX_QUOTAS);
        return found.isEmpty() ? null : found.getFirst();
    }

    /**
     * Sets the hard limits of the objects under {@code prefix} (not empty, ending with '/'); a 0 limit is no limit.
     * Changing an existing prefix quota keeps its usage; a new one needs an empty prefix, else
     * {@link AdminApiException#isConflict() conflict}.
     */
    public PrefixQuota setPrefixQuota(String bucket, String prefix, Quota quota) {
        byte[] body = AdminJson.write(new PrefixQuotaBody(prefix, quota.maxBytes(), quota.maxObjects()));
        return http.decode(http.send("PUT", ApiPath.of("buckets", bucket, "prefix-quotas"), body), PrefixQuota.class);
    }

    /** Removes the quota of a prefix; one that is not there is success. */
    public void deletePrefixQuota(String bucket, String prefix) {
        ApiPath path = ApiPath.of("buckets", bucket, "prefix-quotas").query("prefix", Objects.requireNonNull(prefix, "prefix"));
        http.send("DELETE", path, null);
    }

    /** The bucket's tags (those S3's GetBucketTagging answers); empty when it has none. */
    public Map<String, String> getBucketTags(String name) {
        return http.decode(http.send("GET", ApiPath.of("buckets", name, "tags"), null), TagsBody.class).tags();
    }

    /**
     * Replaces the bucket's tags (an empty map removes them); {@link AdminApiException#isInvalidRequest() invalid
     * request} for tags S3 would refuse.
     */
    public Map<String, String> setBucketTags(String name, Map<String, String> tags) {
        return http.decode(http.send("PUT", ApiPath.of("buckets", name, "tags"), AdminJson.write(new TagsBody(tags))),
                TagsBody.class).tags();
    }

    // ---- bucket policies

    /** Sets the bucket's policy (AWS policy language); {@link AdminApiException#isInvalidRequest() invalid request} names what is wrong. */
    public void putBucketPolicy(String bucket, String policyJson) {
        http.send("PUT", ApiPath.of("buckets", bucket, "policy"), policyJson.getBytes(StandardCharsets.UTF_8));
    }

    /** The bucket's policy as stored; {@link AdminApiException#isNotFound() not found} when it has none (or the bucket does not exist). */
    public String getBucketPolicy(String bucket) {
        return new String(http.send("GET", ApiPath.of("buckets", bucket, "policy"), null).body(), StandardCharsets.UTF_8);
    }

    public void deleteBucketPolicy(String bucket) {
        http.send("DELETE", ApiPath.of("buckets", bucket, "policy"), null);
    }

    // ---- grants

    /** Grants access; {@link AdminApiException#isConflict() conflict} when the subject already has other access to that bucket and prefix. */
    public CreateResult<Grant> createGrant(Grant grant) {
        return create(ApiPath.of("grants"), grant, Grant.class);
    }

    public List<Grant> listGrants(GrantFilter filter) {
        ApiPath path = ApiPath.of("grants").query("bucket", filter.bucket()).query("user", filter.user()).query("key", filter.key());
        return http.decode(http.send("GET", path, null), GRANTS);
    }

    /** Removes the user's grant on exactly this bucket and prefix ({@code ""}: the whole bucket). */
    public void deleteUserGrant(String user, String bucket, String prefix) {
        http.send("DELETE", ApiPath.of("grants").query("bucket", bucket).query("prefix", Objects.requireNonNullElse(prefix, "")).query("user", user), null);
    }

    /** Removes the access key's grant on exactly this bucket and prefix ({@code ""}: the whole bucket). */
    public void deleteKeyGrant(String accessKeyId, String bucket, String prefix) {
        http.send("DELETE", ApiPath.of("grants").query("bucket", bucket).query("prefix", Objects.requireNonNullElse(prefix, "")).query("key", accessKeyId), null);
    }

    // ---- the cluster

    /**
     * The answering node's view of its Raft group; {@link AdminApiException#isNotFound() not found} on a
     * single server.
     */
    public ClusterStatus clusterStatus() {
        return http.decode(http.send("GET", ApiPath.of("cluster"), null), ClusterStatus.class);
    }

    /**
     * Adds a member to the Raft group; adding a member that is already there at that address changes
     * nothing. The new node must already run, started with the new member list in its peers.
     * {@link AdminApiException#isConflict() Conflict} when {@code id} is a member at another address;
     * 503 (retryable) without a quorum.
     *
     * @param address the new member's Raft address, HOST:PORT
     * @return the group after the change, as the answering node sees it
     */
    public ClusterStatus addClusterMember(String id, String address) {
        byte[] body = AdminJson.write(new ClusterMember(id, address));
        return http.decode(http.send("POST", ApiPath.of("cluster", "members"), body), ClusterStatus.class);
    }

    /** Removes a member from the Raft group; removing one that is not there succeeds. Its data stays on its disk. */
    public void removeClusterMember(String id) {
        http.send("DELETE", ApiPath.of("cluster", "members", id), null);
    }

    // ---- the server

    public Info info() {
        return http.decode(http.send("GET", ApiPath.of("info"), null), Info.class);
    }

    /** The server's health status ({@code "ok"}); needs no token. */
    public String health() {
        return http.decode(http.send("GET", ApiPath.of("health"), null, false), HealthBody.class).status();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "AdminClient[" + http.endpoint() + "]";
    }

    private <T> CreateResult<T> create(ApiPath path, Object body, Class<T> type) {
        AdminHttp.Answer answer = http.send("POST", path, AdminJson.write(body));
        return new CreateResult<>(http.decode(answer, type), answer.status() == 201);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record CreateUserBody(String name, boolean admin, String accessKeyId, String secretKey) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record CreateKeyBody(String accessKeyId, String secretKey, List<KeyGrant> grants) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record KeyPairBody(String accessKeyId, String secretKey) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record CreateBucketBody(String name, String owner, Quota quota) {
    }

    private record PrefixQuotaBody(String prefix, long maxBytes, long maxObjects) {
    }

    private record OwnerBody(String owner) {
    }

    private record TagsBody(Map<String, String> tags) {
    }

    private record StatusBody(KeyStatus status) {
    }

    private record HealthBody(String status) {
    }

    /** Settings of an {@link AdminClient}. */
    public static final class Builder {

        private final URI endpoint;
        private String token;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private SSLContext tls;

        private Builder(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("the admin endpoint must be an http:// or https:// URL with a host, not '" + endpoint + "'");
            }
            if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
                throw new IllegalArgumentException("the admin endpoint must not have a query or fragment: '" + endpoint + "'");
            }
            this.endpoint = endpoint;
        }

        /** The admin token sent as a bearer token; without one, only {@link #health()} succeeds. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** How long to wait for a connection to be set up. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for each answer, from sending the request. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Trusts exactly the CA certificates of this PEM bundle for an https endpoint (a server's
         * generated {@code ca.crt}, or the {@code ca.crt} of its TLS Secret) instead of the JDK's.
         *
         * @throws IllegalArgumentException when the bundle holds no certificate
         */
        public Builder trustedCertificates(byte[] pem) {
            this.tls = TrustedCertificates.sslContext(pem);
            return this;
        }

        public AdminClient build() {
            return new AdminClient(new AdminHttp(endpoint, token, connectTimeout, requestTimeout, tls));
        }

        @Override
        public String toString() {
            return "AdminClient.Builder[" + endpoint + "]";
        }
    }
}
