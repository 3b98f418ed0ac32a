package io.stowage.backend.minio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.s3.CreateBucketRelay;
import io.stowage.backend.s3.SigV4Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * An in-process stand-in for MinIO's admin API, written from its published description (madmin's request and
 * response shapes, specs.md section 5.1), NOT a MinIO: no MinIO server can run on these machines, so {@link MinioBackend}
 * is verified only against this fake, never against a live MinIO.
 *
 * <p>What it checks as MinIO would: every request's SigV4 signature (service {@code s3}) and payload hash, the root key
 * for admin calls and any user's key for {@code accountinfo}; encrypted bodies are decrypted with {@link MadminCrypto}
 * under the root secret (a body under another password is refused) and the answers MinIO encrypts are encrypted. It
 * answers {@code /v4/} with 426 when told to serve {@code v3} only, as an older MinIO would.
 *
 * <p>The S3 data path is a real Stowage server behind a {@link CreateBucketRelay} (which passes requests through
 * unchanged, so signatures are verified by Stowage itself); the root key is Stowage's root key, and every change to
 * users and policies is realized on Stowage through its {@link BucketBackend}: a MinIO user whose policies allow some buckets
 * becomes a Stowage key of the account {@value #STOWAGE_ACCOUNT} scoped to those buckets (read-write when a policy
 * allows {@code s3:PutObject} or {@code s3:*}, read-only when it allows {@code s3:GetObject}); a user that reaches no
 * bucket has no Stowage key. Conditions, Deny statements and object-prefix resources are not interpreted. MinIO reads
 * policies at each request, so a policy naming a bucket before it exists covers it once made: the relay hands the
 * root user's CreateBucket (without object lock) to the fake, which creates the bucket on Stowage and realizes the
 * policies again before it answers.
 */
final class FakeMinio implements AutoCloseable {

    static final String STOWAGE_ACCOUNT = "minio-users";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private record User(String secret, Set<String> policies) {
    }

    private record Reply(int status, byte[] body) {
        static Reply json(int status, JsonNode body) {
            return new Reply(status, body.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Reply error(int status, String code, String message) {
            return json(status, JSON.createObjectNode().put("Code", code).put("Message", message));
        }

        static Reply ok() {
            return new Reply(200, new byte[0]);
        }
    }

    private final AccessKey root;
    private final String region;
    private final BucketBackend stowage;
    private final Set<String> versions;
    private final HttpServer server;
    private final CreateBucketRelay s3;
    private final Map<String, User> users = new HashMap<>();
    private final Map<String, Set<String>> groups = new HashMap<>();
    private final Map<String, String> policies = new TreeMap<>();
    private final Map<String, Map<String, AccessMode>> realized = new HashMap<>();
    private int requests;
    private String failNext;

    private FakeMinio(AccessKey root, String region, BucketBackend stowage, URI stowageS3, Set<String> versions) throws IOException {
        this.root = root;
        this.region = region;
        this.stowage = stowage;
        this.versions = versions;
        s3 = CreateBucketRelay.start(stowageS3, this::createBucket);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/minio/admin/", this::handle);
        server.start();
    }

    /**
     * @param root MinIO's root key, which must be the Stowage root key: the backend's S3 calls reach Stowage with it
     * @param stowageS3 the S3 endpoint of the Stowage server behind {@code stowage}
     * @param versions the admin API versions served ({@code v3}, {@code v4})
     */
    static FakeMinio start(AccessKey root, String region, BucketBackend stowage, URI stowageS3, Set<String> versions)
            throws IOException {
        return new FakeMinio(root, region, stowage, stowageS3, versions);
    }

    /** The admin API. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** MinIO's S3 API. */
    URI s3Endpoint() {
        return s3.endpoint();
    }

    private synchronized Optional<CreateBucketRelay.Answer> createBucket(CreateBucketRelay.CreateBucket request) {
        if (!root.id().equals(request.accessKey()) || request.head().toLowerCase(Locale.ROOT).contains("x-amz-bucket-object-lock-enabled")) {
            return Optional.empty();
        }
        try {
            stowage.createBucket(request.bucket(), BucketQuota.NONE);
        } catch (BackendException e) {
            return Optional.of(switch (e.reason()) {
                case INVALID -> new CreateBucketRelay.Answer(400, "InvalidBucketName", "The specified bucket is not valid.");
                case CONFLICT -> new CreateBucketRelay.Answer(409, "BucketAlreadyExists", "The requested bucket name is not available.");
                default -> new CreateBucketRelay.Answer(503, "ServiceUnavailable", "Please reduce your request rate.");
            });
        }
        // Stowage dropped the grants on an earlier bucket of this name with it: keys realized on it are made again
        Set.copyOf(realized.keySet()).stream().filter(user -> realized.get(user).containsKey(request.bucket()))
                .forEach(this::unrealize);
        Set.copyOf(users.keySet()).forEach(this::realize);
        return Optional.of(CreateBucketRelay.Answer.created());
    }

    /** How many admin requests were answered, whatever the answer. */
    synchronized int requests() {
        return requests;
    }

    synchronized Set<String> groupsNamed(String prefix) {
        Set<String> names = new LinkedHashSet<>();
        groups.keySet().stream().filter(g -> g.startsWith(prefix)).forEach(names::add);
        return names;
    }

    /** Makes the next admin call of this kind ({@code "PUT set-bucket-quota"}, ...) fail with 503, as a crash would end it. */
    synchronized void failNext(String call) {
        failNext = call;
    }

    synchronized Optional<String> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Reply reply;
            synchronized (this) {
                requests++;
                reply = answer(exchange, body);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                exchange.getResponseBody().write(reply.body());
            }
        }
    }

    private Reply answer(HttpExchange exchange, byte[] body) {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.substring("/minio/admin/".length()).split("/", 2);
        if (parts.length < 2 || !versions.contains(parts[0])) {
            return "v4".equals(parts[0]) ? Reply.error(426, "UpgradeRequired", "this server speaks v3")
                    : Reply.error(400, "XMinioAdminAPINotImplemented", "no such admin API version");
        }
        Caller caller = authenticate(exchange, body);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        String call = exchange.getRequestMethod() + " " + parts[1];
        if (call.equals(failNext)) {
            failNext = null;
            return Reply.error(503, "XMinioServerNotInitialized", "failing " + call + " as the test asked");
        }
        if ("GET accountinfo".equals(call)) {
            return Reply.json(200, JSON.createObjectNode().put("AccountName", caller.accessKey()));
        }
        if (!root.id().equals(caller.accessKey())) {
            return Reply.error(403, "AccessDenied", "only the root user may call " + parts[1]);
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        try {
            return switch (call) {
                case "GET user-info" -> userInfo(query.get("accessKey"));
                case "GET list-users" -> listUsers();
                case "PUT add-user" -> addUser(query.get("accessKey"), decrypt(body));
                case "DELETE remove-user" -> removeUser(query.get("accessKey"));
                case "PUT add-canned-policy" -> addPolicy(query.get("name"), body);
                case "GET info-canned-policy" -> policies.containsKey(query.get("name"))
                        ? new Reply(200, policies.get(query.get("name")).getBytes(StandardCharsets.UTF_8))
                        : Reply.error(404, "XMinioAdminNoSuchPolicy", "no such policy");
                case "GET list-canned-policies" -> listPolicies();
                case "DELETE remove-canned-policy" -> removePolicy(query.get("name"));
                case "POST idp/builtin/policy/attach" -> changePolicies(decrypt(body), true);
                case "POST idp/builtin/policy/detach" -> changePolicies(decrypt(body), false);
                case "PUT update-group-members" -> updateGroup(JSON.readTree(body));
                case "GET group" -> group(query.get("group"));
                case "PUT set-bucket-quota" -> setQuota(query.get("bucket"), JSON.readTree(body));
                case "GET get-bucket-quota" -> quota(query.get("bucket"));
                default -> Reply.error(400, "XMinioAdminAPINotImplemented", call + " is not part of this fake");
            };
        } catch (MadminDecryptionException e) {
            return Reply.error(400, "XMinioAdminConfigBadJSON", "the body does not decrypt with the caller's secret");
        } catch (IOException e) {
            return Reply.error(400, "XMinioAdminMalformedJSON", "the body is not JSON");
        }
    }

    /** MinIO's hard bucket quota, in bytes, enforced by the Stowage server behind the fake. */
    private Reply setQuota(String bucket, JsonNode body) {
        long size = body.path("size").asLong(0);
        if (stowage.findBucket(bucket).isEmpty()) {
            return Reply.error(404, "NoSuchBucket", "no such bucket");
        }
        if (size > 0 && !"hard".equals(body.path("quotatype").asText())) {
            return Reply.error(400, "XMinioAdminInvalidArgument", "quotatype must be hard");
        }
        stowage.setQuota(bucket, new BucketQuota(size, 0));
        return new Reply(200, new byte[0]);
    }

    private Reply quota(String bucket) {
        var state = stowage.findBucket(bucket);
        if (state.isEmpty()) {
            return Reply.error(404, "NoSuchBucket", "no such bucket");
        }
        long size = state.get().quota().maxBytes();
        if (size == 0) {
            return Reply.error(404, "XMinioAdminNoSuchQuotaConfiguration", "the bucket has no quota");
        }
        return Reply.json(200, JSON.createObjectNode().put("quota", size).put("size", size).put("quotatype", "hard"));
    }

    /** Who signed a request, or why it is refused. */
    private record Caller(String accessKey, Reply refusal) {
        static Caller refused(int status, String code, String message) {
            return new Caller(null, Reply.error(status, code, message));
        }
    }

    /** The caller whose secret makes the request's signature. */
    private Caller authenticate(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String date = exchange.getRequestHeaders().getFirst("X-Amz-Date");
        String payloadHash = exchange.getRequestHeaders().getFirst("X-Amz-Content-Sha256");
        if (authorization == null || date == null || payloadHash == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return Caller.refused(403, "AccessDenied", "not signed with SigV4");
        }
        if (!payloadHash.equals(SigV4Signer.sha256Hex(body))) {
            return Caller.refused(400, "XAmzContentSHA256Mismatch", "the body is not what X-Amz-Content-Sha256 says");
        }
        Map<String, String> fields = new HashMap<>();
        for (String field : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",\\s*")) {
            int equals = field.indexOf('=');
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        String accessKey = fields.getOrDefault("Credential", "").split("/")[0];
        String secret = root.id().equals(accessKey) ? root.secret()
                : Optional.ofNullable(users.get(accessKey)).map(User::secret).orElse(null);
        if (secret == null) {
            return Caller.refused(403, "InvalidAccessKeyId", "the access key does not exist");
        }
        URI uri = URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder rebuilt = HttpRequest.newBuilder(uri).method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        for (String name : fields.getOrDefault("SignedHeaders", "").split(";")) {
            if (!Set.of("host", "x-amz-date", "x-amz-content-sha256").contains(name)) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    rebuilt.header(name, value);
                }
            }
        }
        Clock at = Clock.fixed(Instant.from(AMZ_DATE.parse(date)), ZoneOffset.UTC);
        HttpRequest expected = SigV4Signer.s3(new AccessKey(accessKey, secret), region, at).sign(rebuilt.build(), payloadHash);
        if (!authorization.equals(expected.headers().firstValue("Authorization").orElse(""))) {
            return Caller.refused(403, "SignatureDoesNotMatch", "the request signature does not match");
        }
        return new Caller(accessKey, null);
    }

    private JsonNode decrypt(byte[] body) throws IOException {
        return JSON.readTree(MadminCrypto.decrypt(root.secret(), body));
    }

    private Reply userInfo(String accessKey) {
        User user = users.get(accessKey);
        if (user == null) {
            return Reply.error(404, "XMinioAdminNoSuchUser", "no such user");
        }
        return Reply.json(200, info(accessKey, user));
    }

    /** Every user as {@code user-info} answers it, by access key, encrypted under the root secret as MinIO does. */
    private Reply listUsers() {
        ObjectNode all = JSON.createObjectNode();
        users.forEach((accessKey, user) -> all.set(accessKey, info(accessKey, user)));
        return new Reply(200, MadminCrypto.encrypt(root.secret(), all.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private ObjectNode info(String accessKey, User user) {
        ObjectNode info = JSON.createObjectNode().put("policyName", String.join(",", user.policies())).put("status", "enabled");
        ArrayNode memberOf = info.putArray("memberOf");
        groups.forEach((group, members) -> {
            if (members.contains(accessKey)) {
                memberOf.add(group);
            }
        });
        return info;
    }

    private Reply addUser(String accessKey, JsonNode body) {
        String secret = body.path("secretKey").asText();
        if (accessKey == null || secret.length() < 8) {
            return Reply.error(400, "XMinioAdminInvalidArgument", "access key or secret key missing or too short");
        }
        User old = users.get(accessKey);
        if (old != null && !old.secret().equals(secret)) {
            unrealize(accessKey);
        }
        users.put(accessKey, new User(secret, old == null ? new LinkedHashSet<>() : old.policies()));
        realize(accessKey);
        return Reply.ok();
    }

    private Reply removeUser(String accessKey) {
        if (users.remove(accessKey) == null) {
            return Reply.error(404, "XMinioAdminNoSuchUser", "no such user");
        }
        groups.values().forEach(members -> members.remove(accessKey));
        unrealize(accessKey);
        return Reply.ok();
    }

    private Reply addPolicy(String name, byte[] body) throws IOException {
        JsonNode policy = JSON.readTree(body);
        if (name == null || !policy.path("Statement").isArray()) {
            return Reply.error(400, "XMinioMalformedPolicy", "no name or no Statement array");
        }
        policies.put(name, new String(body, StandardCharsets.UTF_8));
        users.forEach((accessKey, user) -> {
            if (user.policies().contains(name)) {
                realize(accessKey);
            }
        });
        return Reply.ok();
    }

    private Reply listPolicies() throws IOException {
        ObjectNode all = JSON.createObjectNode();
        for (Map.Entry<String, String> policy : policies.entrySet()) {
            all.set(policy.getKey(), JSON.readTree(policy.getValue()));
        }
        return Reply.json(200, all);
    }

    private Reply removePolicy(String name) {
        if (!policies.containsKey(name)) {
            return Reply.error(404, "XMinioAdminNoSuchPolicy", "no such policy");
        }
        if (users.values().stream().anyMatch(u -> u.policies().contains(name))) {
            return Reply.error(400, "XMinioAdminPolicyInUse", "the policy is attached to a user");
        }
        policies.remove(name);
        return Reply.ok();
    }

    private Reply changePolicies(JsonNode request, boolean attach) {
        String accessKey = request.path("user").asText();
        User user = users.get(accessKey);
        if (user == null) {
            return Reply.error(404, "XMinioAdminNoSuchUser", "no such user");
        }
        ArrayNode changed = JSON.createArrayNode();
        for (JsonNode policy : request.path("policies")) {
            String name = policy.asText();
            if (!policies.containsKey(name)) {
                return Reply.error(404, "XMinioAdminNoSuchPolicy", "no such policy " + name);
            }
            if (attach ? user.policies().add(name) : user.policies().remove(name)) {
                changed.add(name);
            }
        }
        if (changed.isEmpty()) {
            return Reply.error(400, "XMinioAdminPolicyChangeAlreadyApplied", "the policy change is already in effect");
        }
        realize(accessKey);
        ObjectNode answer = JSON.createObjectNode().put("updatedAt", Instant.now().toString());
        answer.set(attach ? "policiesAttached" : "policiesDetached", changed);
        return new Reply(200, MadminCrypto.encrypt(root.secret(), answer.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Reply updateGroup(JsonNode request) {
        String group = request.path("group").asText();
        Set<String> members = new LinkedHashSet<>();
        request.path("members").forEach(m -> members.add(m.asText()));
        if (!request.path("isRemove").asBoolean()) {
            for (String member : members) {
                if (!users.containsKey(member)) {
                    return Reply.error(404, "XMinioAdminNoSuchUser", "no such user " + member);
                }
            }
            groups.computeIfAbsent(group, g -> new LinkedHashSet<>()).addAll(members);
            return Reply.ok();
        }
        Set<String> current = groups.get(group);
        if (current == null) {
            return Reply.error(404, "XMinioAdminNoSuchGroup", "no such group");
        }
        if (members.isEmpty()) {
            if (!current.isEmpty()) {
                return Reply.error(400, "XMinioAdminGroupNotEmpty", "the group has members");
            }
            groups.remove(group);
        } else {
            current.removeAll(members);
        }
        return Reply.ok();
    }

    private Reply group(String name) {
        Set<String> members = groups.get(name);
        if (members == null) {
            return Reply.error(404, "XMinioAdminNoSuchGroup", "no such group");
        }
        ObjectNode description = JSON.createObjectNode().put("name", name).put("status", "enabled").put("policy", "");
        members.forEach(description.putArray("members")::add);
        return Reply.json(200, description);
    }

    /** Makes the user's Stowage key reach exactly the buckets its policies allow. */
    private void realize(String accessKey) {
        User user = users.get(accessKey);
        Map<String, AccessMode> wanted = new LinkedHashMap<>();
        for (String name : user.policies()) {
            bucketModes(policies.get(name)).forEach((bucket, mode) -> wanted.merge(bucket, mode,
                    (a, b) -> a == AccessMode.READ_WRITE || b == AccessMode.READ_WRITE ? AccessMode.READ_WRITE : AccessMode.READ_ONLY));
        }
        Map<String, AccessMode> have = realized.getOrDefault(accessKey, Map.of());
        if (wanted.isEmpty()) {
            unrealize(accessKey);
            return;
        }
        AccessKey key = new AccessKey(accessKey, user.secret());
        for (Map.Entry<String, AccessMode> grant : wanted.entrySet()) {
            if (grant.getValue() == have.get(grant.getKey())) {
                continue;
            }
            BucketGrant bucketGrant = new BucketGrant(grant.getKey(), grant.getValue());
            ignoringAbsentBuckets(() -> {
                if (realized.containsKey(accessKey)) {
                    stowage.grant(accessKey, bucketGrant);
                } else {
                    stowage.createKey(STOWAGE_ACCOUNT, key, Optional.of(bucketGrant));
                    realized.put(accessKey, new HashMap<>());
                }
                realized.get(accessKey).put(bucketGrant.bucket(), bucketGrant.mode());
            });
        }
        for (String bucket : Set.copyOf(have.keySet())) {
            if (!wanted.containsKey(bucket)) {
                ignoringAbsentBuckets(() -> stowage.revoke(accessKey, bucket));
                realized.get(accessKey).remove(bucket);
            }
        }
        if (realized.containsKey(accessKey) && realized.get(accessKey).isEmpty()) {
            // Stowage deleted the key with its last grant
            realized.remove(accessKey);
        }
    }

    private void unrealize(String accessKey) {
        if (realized.remove(accessKey) != null) {
            stowage.deleteKey(accessKey);
        }
    }

    /** A policy may name a bucket that does not exist (yet or any more): MinIO accepts that, Stowage grants cannot. */
    private static void ignoringAbsentBuckets(Runnable change) {
        try {
            change.run();
        } catch (BackendException e) {
            if (e.reason() != BackendException.Reason.NOT_FOUND) {
                throw e;
            }
        }
    }

    private static Map<String, AccessMode> bucketModes(String policy) {
        Map<String, AccessMode> modes = new LinkedHashMap<>();
        if (policy == null) {
            return modes;
        }
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (IOException e) {
            return modes;
        }
        for (JsonNode statement : document.path("Statement")) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            Set<String> actions = new LinkedHashSet<>();
            statement.path("Action").forEach(a -> actions.add(a.asText()));
            AccessMode mode = actions.contains("s3:*") || actions.contains("s3:PutObject") ? AccessMode.READ_WRITE
                    : actions.contains("s3:GetObject") ? AccessMode.READ_ONLY : null;
            if (mode == null) {
                continue;
            }
            for (JsonNode resource : statement.path("Resource")) {
                String bucket = resource.asText().replaceFirst("^arn:aws:s3:::", "").replaceFirst("/.*$", "");
                if (!bucket.isEmpty() && !bucket.contains("*")) {
                    modes.merge(bucket, mode, (a, b) -> a == AccessMode.READ_WRITE ? a : b);
                }
            }
        }
        return modes;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            s3.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
