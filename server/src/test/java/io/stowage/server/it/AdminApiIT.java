package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The admin API over real HTTP (java.net.http), its effects checked through the S3 API with the
 * AWS SDK: authentication, idempotent creates, conflicts, users, keys (scoped, rotated, disabled),
 * buckets (quotas, usage, forced deletion), policies and grants; and that no secret or token ever
 * reaches the log.
 */
@ExtendWith({LogCapture.class, StowageServerExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiIT {

    private static final AtomicInteger NAMES = new AtomicInteger();
    /** Every secret and token this class uses or is given: none may appear in the log. */
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private StowageServerExtension server;
    private AdminHttp admin;

    @BeforeEach
    void connect(StowageServerExtension server) {
        this.server = server;
        this.admin = new AdminHttp(server.adminEndpoint(), new AdminHttp.Bearer(StowageServerExtension.ADMIN_TOKEN));
        SECRETS.add(StowageServerExtension.ADMIN_TOKEN);
        SECRETS.add(StowageServerExtension.SECRET_KEY);
    }

    private static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    private static String secret(String prefix) {
        String secret = prefix + "-secret-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        SECRETS.add(secret);
        return secret;
    }

    /** The response, after noting every secret key it shows. */
    private static AdminHttp.Response remember(AdminHttp.Response response) {
        if (response.body().startsWith("{") || response.body().startsWith("[")) {
            response.json().findValuesAsText("secretKey").forEach(SECRETS::add);
        }
        return response;
    }

    private static void assertError(AdminHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.raw().headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.json().path("message").asText()).isNotBlank();
    }

    private String createUser(String name, boolean admin, String accessKeyId, String secretKey) {
        AdminHttp.Response created = remember(this.admin.post("/admin/v1/users", "{\"name\":\"" + name + "\",\"admin\":" + admin
                + ",\"accessKeyId\":\"" + accessKeyId + "\",\"secretKey\":\"" + secretKey + "\"}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    private String createBucket(String owner) {
        String bucket = TestData.bucketName("admin");
        AdminHttp.Response created = admin.post("/admin/v1/buckets", "{\"name\":\"" + bucket + "\",\"owner\":\"" + owner + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return bucket;
    }

    @Test
    void healthNeedsNoCredentialsAndEverythingElseDoes() {
        AdminHttp anonymous = admin.as(new AdminHttp.None());

        AdminHttp.Response health = anonymous.get("/admin/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");

        AdminHttp.Response missing = anonymous.get("/admin/v1/info");
        assertError(missing, 401, "Unauthorized");
        assertThat(missing.raw().headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertError(admin.as(new AdminHttp.Bearer("not-the-admin-token-at-all")).get("/admin/v1/info"), 401, "Unauthorized");
        assertError(admin.as(new AdminHttp.Bearer("")).get("/admin/v1/users"), 401, "Unauthorized");
        assertError(anonymous.sendBytes("GET", "/admin/v1/info", new byte[0], Map.of("Authorization", "Basic YTpi")),
                401, "Unauthorized");
        assertError(admin.as(new AdminHttp.SigV4(StowageServerExtension.ACCESS_KEY, "wrong-secret-key")).get("/admin/v1/info"),
                401, "Unauthorized");
        assertError(admin.as(new AdminHttp.SigV4("NOSUCHKEY", "wrong-secret-key")).get("/admin/v1/info"), 401, "Unauthorized");
    }

    @Test
    void theTokenAndSignaturesOfAdminKeysAuthenticate() {
        AdminHttp.Response info = admin.get("/admin/v1/info");
        assertThat(info.status()).isEqualTo(200);
        JsonNode facts = info.json();
        assertThat(facts.path("region").asText()).isEqualTo(StowageServerExtension.REGION);
        assertThat(facts.path("s3Address").asText()).isEqualTo("127.0.0.1:" + server.endpoint().getPort());
        assertThat(facts.path("adminAddress").asText()).isEqualTo("127.0.0.1:" + server.adminEndpoint().getPort());
        assertThat(facts.path("dataDir").asText()).isEqualTo(server.dataDir().toAbsolutePath().toString());
        assertThat(facts.path("version").asText()).isNotBlank();
        assertThat(facts.path("startedAt").asText()).endsWith("Z");
        assertThat(facts.has("buckets") && facts.has("users")).isTrue();
        assertThat(info.raw().headers().firstValue("x-request-id")).isPresent();

        AdminHttp root = admin.as(new AdminHttp.SigV4(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY));
        assertThat(root.get("/admin/v1/info").status()).isEqualTo(200);

        String opsSecret = secret("ops");
        String ops = createUser(unique("ops"), true, unique("OPSKEY"), opsSecret);
        String opsKey = admin.get("/admin/v1/users/" + ops).json().path("keys").get(0).path("accessKeyId").asText();
        AdminHttp asOps = admin.as(new AdminHttp.SigV4(opsKey, opsSecret));
        assertThat(asOps.get("/admin/v1/users").status()).isEqualTo(200);
        // a signed body: the signature covers its SHA-256
        AdminHttp.Response created = asOps.post("/admin/v1/buckets", "{\"name\":\"" + TestData.bucketName("signed") + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        String userSecret = secret("plain");
        String plain = createUser(unique("plain"), false, unique("PLAINKEY"), userSecret);
        String plainKey = admin.get("/admin/v1/users/" + plain).json().path("keys").get(0).path("accessKeyId").asText();
        assertError(admin.as(new AdminHttp.SigV4(plainKey, userSecret)).get("/admin/v1/info"), 403, "Forbidden");

        String bucket = createBucket("root");
        String scopedSecret = secret("scoped-ops");
        String scopedKey = unique("OPSSCOPED");
        assertThat(remember(admin.post("/admin/v1/users/" + ops + "/keys", "{\"accessKeyId\":\"" + scopedKey + "\",\"secretKey\":\""
                + scopedSecret + "\",\"grants\":[{\"bucket\":\"" + bucket + "\",\"access\":\"read\"}]}")).status()).isEqualTo(201);
        assertError(admin.as(new AdminHttp.SigV4(scopedKey, scopedSecret)).get("/admin/v1/info"), 403, "Forbidden");
    }

    @Test
    void aSignedBodyThatWasChangedIsRefused() {
        String body = "{\"name\":\"" + TestData.bucketName("tampered") + "\"}";
        Map<String, String> signed = RawHttp.sign(server.adminEndpoint(), "POST", "/admin/v1/buckets",
                body.getBytes(StandardCharsets.UTF_8), Map.of(), StowageServerExtension.ACCESS_KEY,
                StowageServerExtension.SECRET_KEY, java.time.Clock.systemUTC());
        Map<String, String> headers = new java.util.HashMap<>();
        signed.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, value);
            }
        });
        AdminHttp.Response response = admin.as(new AdminHttp.None()).sendBytes("POST", "/admin/v1/buckets",
                body.replace("tampered", "modified").getBytes(StandardCharsets.UTF_8), headers);
        assertError(response, 400, "InvalidRequest");
    }

    @Test
    void eachCreateAnswers201ThenTheSameBodyWith200() {
        String supplied = secret("idem");
        String keyId = unique("IDEMKEY");
        String userBody = "{\"name\":\"" + unique("idem") + "\",\"accessKeyId\":\"" + keyId + "\",\"secretKey\":\"" + supplied + "\"}";
        AdminHttp.Response first = remember(admin.post("/admin/v1/users", userBody));
        AdminHttp.Response second = remember(admin.post("/admin/v1/users", userBody));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(first.json().path("key").path("secretKey").asText()).isEqualTo(supplied);
        assertThat(first.json().path("user").path("keys").get(0).has("secretKey")).isFalse();

        String bucket = TestData.bucketName("idem");
        String bucketBody = "{\"name\":\"" + bucket + "\",\"quota\":{\"maxBytes\":1000}}";
        AdminHttp.Response bucketFirst = admin.post("/admin/v1/buckets", bucketBody);
        AdminHttp.Response bucketSecond = admin.post("/admin/v1/buckets", bucketBody);
        assertThat(bucketFirst.status()).isEqualTo(201);
        assertThat(bucketSecond.status()).isEqualTo(200);
        assertThat(bucketSecond.json()).isEqualTo(bucketFirst.json());
        assertThat(bucketFirst.json().path("owner").asText()).isEqualTo("root");
        assertThat(bucketFirst.json().path("quota").path("maxBytes").asLong()).isEqualTo(1000);

        String user = first.json().path("user").path("name").asText();
        String keyBody = "{\"accessKeyId\":\"" + unique("IDEMSCOPED") + "\",\"secretKey\":\"" + secret("idem-scoped")
                + "\",\"grants\":[{\"bucket\":\"" + bucket + "\",\"prefix\":\"a/\",\"access\":\"read-write\"}]}";
        AdminHttp.Response keyFirst = remember(admin.post("/admin/v1/users/" + user + "/keys", keyBody));
        AdminHttp.Response keySecond = remember(admin.post("/admin/v1/users/" + user + "/keys", keyBody));
        assertThat(keyFirst.status()).isEqualTo(201);
        assertThat(keySecond.status()).isEqualTo(200);
        assertThat(keySecond.json()).isEqualTo(keyFirst.json());
        assertThat(keyFirst.json().path("grants").get(0).path("access").asText()).isEqualTo("read-write");

        String grantBody = "{\"bucket\":\"" + bucket + "\",\"prefix\":\"logs/\",\"access\":\"read\",\"user\":\"" + user + "\"}";
        AdminHttp.Response grantFirst = admin.post("/admin/v1/grants", grantBody);
        AdminHttp.Response grantSecond = admin.post("/admin/v1/grants", grantBody);
        assertThat(grantFirst.status()).isEqualTo(201);
        assertThat(grantSecond.status()).isEqualTo(200);
        assertThat(grantSecond.json()).isEqualTo(grantFirst.json());

        String rotateBody = "{\"accessKeyId\":\"" + unique("IDEMROT") + "\",\"secretKey\":\"" + secret("idem-rot") + "\"}";
        AdminHttp.Response rotateFirst = remember(admin.post("/admin/v1/keys/" + keyId + "/rotate", rotateBody));
        AdminHttp.Response rotateSecond = remember(admin.post("/admin/v1/keys/" + keyId + "/rotate", rotateBody));
        assertThat(rotateFirst.status()).isEqualTo(201);
        assertThat(rotateSecond.status()).isEqualTo(200);
        assertThat(rotateSecond.json()).isEqualTo(rotateFirst.json());
    }

    @Test
    void aNewUserWithoutAKeyGetsAGeneratedOneShownOnce() {
        String name = unique("gen");
        AdminHttp.Response first = remember(admin.post("/admin/v1/users", "{\"name\":\"" + name + "\"}"));
        assertThat(first.status()).isEqualTo(201);
        JsonNode key = first.json().path("key");
        assertThat(key.path("accessKeyId").asText()).matches("[A-Z0-9]{20}");
        assertThat(key.path("secretKey").asText()).matches("[A-Za-z0-9]{40}");
        assertThat(key.path("status").asText()).isEqualTo("active");
        assertThat(first.json().path("user").path("admin").asBoolean()).isFalse();

        AdminHttp.Response again = admin.post("/admin/v1/users", "{\"name\":\"" + name + "\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().has("key")).isFalse();
        assertThat(again.json().path("user")).isEqualTo(first.json().path("user"));
        assertThat(again.body()).doesNotContain("secretKey");

        AdminHttp.Response generated = remember(admin.post("/admin/v1/users/" + name + "/keys", ""));
        assertThat(generated.status()).isEqualTo(201);
        assertThat(generated.json().path("secretKey").asText()).matches("[A-Za-z0-9]{40}");
        AdminHttp.Response keys = admin.get("/admin/v1/users/" + name + "/keys");
        assertThat(keys.json()).hasSize(2);
        assertThat(keys.body()).doesNotContain("secretKey");
        assertThat(admin.get("/admin/v1/keys/" + key.path("accessKeyId").asText()).body()).doesNotContain("secretKey");
    }

    @Test
    void theSameNameWithOtherParametersIsAConflict() {
        String name = createUser(unique("conf"), false, unique("CONFKEY"), secret("conf"));
        assertError(admin.post("/admin/v1/users", "{\"name\":\"" + name + "\",\"admin\":true}"), 409, "Conflict");
        String keyId = admin.get("/admin/v1/users/" + name).json().path("keys").get(0).path("accessKeyId").asText();
        assertError(admin.post("/admin/v1/users/" + name + "/keys", "{\"accessKeyId\":\"" + keyId + "\",\"secretKey\":\""
                + secret("other") + "\"}"), 409, "Conflict");
        String newcomer = unique("newcomer");
        assertError(admin.post("/admin/v1/users", "{\"name\":\"" + newcomer + "\",\"accessKeyId\":\"" + keyId
                + "\",\"secretKey\":\"" + secret("taken") + "\"}"), 409, "Conflict");
        assertError(admin.get("/admin/v1/users/" + newcomer), 404, "NotFound");
        assertError(admin.post("/admin/v1/users", "{\"name\":\"root\"}"), 409, "Conflict");
        assertError(admin.delete("/admin/v1/users/root"), 409, "Conflict");
        assertError(admin.post("/admin/v1/users/" + name + "/keys", "{\"accessKeyId\":\"" + StowageServerExtension.ACCESS_KEY
                + "\",\"secretKey\":\"" + secret("shadow") + "\"}"), 409, "Conflict");

        String bucket = createBucket("root");
        assertError(admin.post("/admin/v1/buckets", "{\"name\":\"" + bucket + "\",\"owner\":\"" + name + "\"}"), 409, "Conflict");
        assertError(admin.post("/admin/v1/buckets", "{\"name\":\"" + bucket + "\",\"quota\":{\"maxObjects\":5}}"), 409, "Conflict");

        String grant = "{\"bucket\":\"" + bucket + "\",\"access\":\"read\",\"user\":\"" + name + "\"}";
        assertThat(admin.post("/admin/v1/grants", grant).status()).isEqualTo(201);
        assertError(admin.post("/admin/v1/grants", grant.replace("\"read\"", "\"write\"")), 409, "Conflict");
    }

    @Test
    void missingResourcesAreNotFoundAndDeletingThemIsAlreadyDone() {
        assertError(admin.get("/admin/v1/users/nobody-here"), 404, "NotFound");
        assertError(admin.get("/admin/v1/users/nobody-here/keys"), 404, "NotFound");
        assertError(admin.post("/admin/v1/users/nobody-here/keys", ""), 404, "NotFound");
        assertError(admin.get("/admin/v1/keys/NOSUCHKEY"), 404, "NotFound");
        assertError(admin.patch("/admin/v1/keys/NOSUCHKEY", "{\"status\":\"disabled\"}"), 404, "NotFound");
        assertError(admin.post("/admin/v1/keys/NOSUCHKEY/rotate", ""), 404, "NotFound");
        assertError(admin.get("/admin/v1/buckets/no-such-bucket-here"), 404, "NotFound");
        assertError(admin.get("/admin/v1/buckets/no-such-bucket-here/usage"), 404, "NotFound");
        assertError(admin.put("/admin/v1/buckets/no-such-bucket-here/quota", "{\"maxBytes\":1}"), 404, "NotFound");
        assertError(admin.put("/admin/v1/buckets/no-such-bucket-here/owner", "{\"owner\":\"root\"}"), 404, "NotFound");
        assertError(admin.get("/admin/v1/buckets/no-such-bucket-here/policy"), 404, "NotFound");
        assertError(admin.post("/admin/v1/buckets", "{\"name\":\"" + TestData.bucketName("orphan") + "\",\"owner\":\"nobody-here\"}"),
                404, "NotFound");
        assertError(admin.post("/admin/v1/grants", "{\"bucket\":\"no-such-bucket-here\",\"access\":\"read\",\"user\":\"root\"}"),
                404, "NotFound");
        assertError(admin.get("/admin/v1/nothing"), 404, "NotFound");
        assertError(admin.put("/admin/v1/users", "{}"), 405, "MethodNotAllowed");

        assertThat(admin.delete("/admin/v1/users/nobody-here").status()).isEqualTo(204);
        assertThat(admin.delete("/admin/v1/keys/NOSUCHKEY").status()).isEqualTo(204);
        assertThat(admin.delete("/admin/v1/buckets/no-such-bucket-here").status()).isEqualTo(204);
        assertThat(admin.delete("/admin/v1/buckets/no-such-bucket-here?force=true").status()).isEqualTo(204);
        assertThat(admin.delete("/admin/v1/grants?bucket=no-such-bucket-here&user=nobody-here").status()).isEqualTo(204);
    }

    @Test
    void requestsAreValidated() {
        AdminHttp.Response unknown = admin.post("/admin/v1/users", "{\"name\":\"x\",\"admn\":true}");
        assertError(unknown, 400, "InvalidRequest");
        assertThat(unknown.json().path("message").asText()).contains("'admn'");
        assertError(admin.post("/admin/v1/users", "{\"name\":"), 400, "InvalidRequest");
        assertError(admin.post("/admin/v1/users", "{\"name\":\"a/b\"}"), 400, "InvalidRequest");
        assertError(admin.post("/admin/v1/users", "{\"name\":\"half\",\"accessKeyId\":\"HALFKEY\"}"), 400, "InvalidRequest");
        assertError(admin.post("/admin/v1/buckets", "{\"name\":\"Not_A_Bucket\"}"), 400, "InvalidRequest");
        assertError(admin.post("/admin/v1/buckets", "{\"name\":\"" + TestData.bucketName("neg") + "\",\"quota\":{\"maxBytes\":-1}}"),
                400, "InvalidRequest");
        AdminHttp.Response query = admin.get("/admin/v1/users?all=true");
        assertError(query, 400, "InvalidRequest");
        assertThat(query.json().path("message").asText()).contains("'all'");
        assertError(admin.delete("/admin/v1/buckets/whatever?force=yes"), 400, "InvalidRequest");
        assertError(admin.delete("/admin/v1/grants?bucket=b"), 400, "InvalidRequest");
        assertError(admin.post("/admin/v1/grants", "{\"bucket\":\"b\",\"access\":\"all\",\"user\":\"root\"}"), 400, "InvalidRequest");

        String huge = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertError(admin.post("/admin/v1/users", huge), 400, "InvalidRequest");
    }

    @Test
    void aUserOwningABucketIsNotDeleted() {
        String user = createUser(unique("owner"), false, unique("OWNERKEY"), secret("owner"));
        String bucket = createBucket(user);
        AdminHttp.Response refused = admin.delete("/admin/v1/users/" + user);
        assertError(refused, 409, "Conflict");
        assertThat(refused.json().path("message").asText()).contains(bucket);

        AdminHttp.Response moved = admin.put("/admin/v1/buckets/" + bucket + "/owner", "{\"owner\":\"root\"}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().path("owner").asText()).isEqualTo("root");
        assertThat(admin.delete("/admin/v1/users/" + user).status()).isEqualTo(204);
        assertError(admin.get("/admin/v1/users/" + user), 404, "NotFound");
        assertThat(admin.get("/admin/v1/users").json().findValuesAsText("name")).doesNotContain(user);
    }

    @Test
    void aForcedDeleteRemovesObjectsAndUploadsAndCanBeRepeated(S3Client s3) {
        String bucket = createBucket("root");
        for (int i = 0; i < 5; i++) {
            int n = i;
            s3.putObject(b -> b.bucket(bucket).key("dir/object-" + n), RequestBody.fromString("body " + n));
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big")).uploadId();
        s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(new byte[1024]));

        AdminHttp.Response refused = admin.delete("/admin/v1/buckets/" + bucket);
        assertError(refused, 409, "Conflict");
        assertThat(refused.json().path("message").asText()).contains("force=true");

        assertThat(admin.delete("/admin/v1/buckets/" + bucket + "?force=true").status()).isEqualTo(204);
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
        assertError(admin.get("/admin/v1/buckets/" + bucket), 404, "NotFound");
        assertThat(admin.delete("/admin/v1/buckets/" + bucket + "?force=true").status()).isEqualTo(204);

        // a bucket of the same name starts empty: no object or upload survived
        s3.createBucket(b -> b.bucket(bucket));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(admin.get("/admin/v1/buckets/" + bucket + "/usage").json().path("objects").asLong()).isZero();
    }

    @Test
    void quotasStopS3WritesAndUsageIsExact(S3Client s3) {
        String bucket = createBucket("root");
        AdminHttp.Response limited = admin.put("/admin/v1/buckets/" + bucket + "/quota", "{\"maxBytes\":10,\"maxObjects\":0}");
        assertThat(limited.status()).isEqualTo(200);
        assertThat(limited.json().path("quota").path("maxBytes").asLong()).isEqualTo(10);

        s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("12345"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("123456")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded");
                });
        JsonNode usage = admin.get("/admin/v1/buckets/" + bucket + "/usage").json();
        assertThat(usage.path("bytes").asLong()).isEqualTo(5);
        assertThat(usage.path("objects").asLong()).isEqualTo(1);

        AdminHttp.Response unlimited = admin.delete("/admin/v1/buckets/" + bucket + "/quota");
        assertThat(unlimited.status()).isEqualTo(200);
        assertThat(unlimited.json().path("quota").path("maxBytes").asLong()).isZero();
        s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("123456"));
        JsonNode after = admin.get("/admin/v1/buckets/" + bucket).json().path("usage");
        assertThat(after.path("bytes").asLong()).isEqualTo(11);
        assertThat(after.path("objects").asLong()).isEqualTo(2);
    }

    @Test
    void bucketTagsAreThoseS3ShowsAndFollowS3sRules(S3Client s3) {
        String bucket = createBucket("root");
        assertThat(admin.get("/admin/v1/buckets/" + bucket + "/tags").json().path("tags").size()).isZero();

        AdminHttp.Response set = admin.put("/admin/v1/buckets/" + bucket + "/tags",
                "{\"tags\":{\"team\":\"photos\",\"stowage.io/cosi-default-access-mode\":\"read-only\"}}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        JsonNode stored = admin.get("/admin/v1/buckets/" + bucket + "/tags").json().path("tags");
        assertThat(stored.path("team").asText()).isEqualTo("photos");
        assertThat(stored.path("stowage.io/cosi-default-access-mode").asText()).isEqualTo("read-only");
        assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet()).extracting(t -> t.key() + "=" + t.value())
                .containsExactlyInAnyOrder("team=photos", "stowage.io/cosi-default-access-mode=read-only");

        assertError(admin.put("/admin/v1/buckets/" + bucket + "/tags", "{\"tags\":{\"aws:reserved\":\"x\"}}"),
                400, "InvalidRequest");
        assertError(admin.put("/admin/v1/buckets/" + bucket + "/tags", "{}"), 400, "InvalidRequest");
        assertError(admin.put("/admin/v1/buckets/no-such-tags-bucket/tags", "{\"tags\":{}}"), 404, "NotFound");
        assertError(admin.get("/admin/v1/buckets/no-such-tags-bucket/tags"), 404, "NotFound");

        assertThat(admin.put("/admin/v1/buckets/" + bucket + "/tags", "{\"tags\":{}}").status()).isEqualTo(200);
        assertThat(admin.get("/admin/v1/buckets/" + bucket + "/tags").json().path("tags").size()).isZero();
    }

    @Test
    void policiesAreCheckedStoredAndRemoved() {
        String bucket = createBucket("root");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        assertError(admin.get("/admin/v1/buckets/" + bucket + "/policy"), 404, "NotFound");
        assertThat(admin.put("/admin/v1/buckets/" + bucket + "/policy", policy).status()).isEqualTo(204);
        AdminHttp.Response stored = admin.get("/admin/v1/buckets/" + bucket + "/policy");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo(policy);

        AdminHttp.Response malformed = admin.put("/admin/v1/buckets/" + bucket + "/policy",
                policy.replace("s3:GetObject", "s3:NoSuchAction").replace(bucket + "/*", "other-bucket/*"));
        assertError(malformed, 400, "InvalidRequest");
        assertThat(malformed.json().path("message").asText()).isNotBlank();
        assertError(admin.put("/admin/v1/buckets/" + bucket + "/policy", "{\"Version\":"), 400, "InvalidRequest");
        String tooLarge = policy.replace("\"Version\"", "\"Id\":\"" + "x".repeat(21 * 1024) + "\",\"Version\"");
        assertError(admin.put("/admin/v1/buckets/" + bucket + "/policy", tooLarge), 400, "InvalidRequest");
        assertThat(admin.get("/admin/v1/buckets/" + bucket + "/policy").body()).isEqualTo(policy);

        assertThat(admin.delete("/admin/v1/buckets/" + bucket + "/policy").status()).isEqualTo(204);
        assertError(admin.get("/admin/v1/buckets/" + bucket + "/policy"), 404, "NotFound");
        assertError(admin.put("/admin/v1/buckets/no-such-bucket-here/policy", policy), 404, "NotFound");
    }

    @Test
    void aKeyCreatedWithGrantsReachesOnlyItsBucket() {
        String user = createUser(unique("scoped"), false, unique("SCOPEDUSERKEY"), secret("scoped-user"));
        String granted = createBucket("root");
        String other = createBucket("root");
        String keyId = unique("SCOPEDKEY");
        String keySecret = secret("scoped");
        AdminHttp.Response key = remember(admin.post("/admin/v1/users/" + user + "/keys", "{\"accessKeyId\":\"" + keyId
                + "\",\"secretKey\":\"" + keySecret + "\",\"grants\":[{\"bucket\":\"" + granted + "\",\"access\":\"read-write\"}]}"));
        assertThat(key.status()).isEqualTo(201);

        try (S3Client scoped = server.s3As(keyId, keySecret)) {
            assertThat(scoped.listBuckets().buckets()).extracting(Bucket::name).containsExactly(granted);
            scoped.putObject(b -> b.bucket(granted).key("k"), RequestBody.fromString("v"));
            assertThatThrownBy(() -> scoped.putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("v")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        JsonNode grants = admin.get("/admin/v1/grants?key=" + keyId).json();
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).path("bucket").asText()).isEqualTo(granted);
        assertThat(grants.get(0).path("key").asText()).isEqualTo(keyId);
        assertThat(grants.get(0).has("user")).isFalse();
    }

    @Test
    void aRotatedKeyWorksBesideTheOldOneUntilTheOldIsDeleted() {
        String user = createUser(unique("rotor"), false, unique("ROTORKEY"), secret("rotor"));
        String bucket = createBucket(user);
        String oldId = unique("OLDKEY");
        String oldSecret = secret("old");
        assertThat(remember(admin.post("/admin/v1/users/" + user + "/keys", "{\"accessKeyId\":\"" + oldId + "\",\"secretKey\":\""
                + oldSecret + "\",\"grants\":[{\"bucket\":\"" + bucket + "\",\"access\":\"read\"}]}")).status()).isEqualTo(201);

        AdminHttp.Response rotated = remember(admin.post("/admin/v1/keys/" + oldId + "/rotate", ""));
        assertThat(rotated.status()).isEqualTo(201);
        String newId = rotated.json().path("accessKeyId").asText();
        String newSecret = rotated.json().path("secretKey").asText();
        assertThat(newId).matches("[A-Z0-9]{20}").isNotEqualTo(oldId);
        assertThat(rotated.json().path("user").asText()).isEqualTo(user);
        assertThat(rotated.json().path("grants")).isEqualTo(admin.get("/admin/v1/keys/" + oldId).json().path("grants"));

        try (S3Client oldClient = server.s3As(oldId, oldSecret); S3Client newClient = server.s3As(newId, newSecret)) {
            assertThat(oldClient.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
            assertThat(newClient.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();

            assertThat(admin.delete("/admin/v1/keys/" + oldId).status()).isEqualTo(204);
            assertThatThrownBy(() -> oldClient.listObjectsV2(b -> b.bucket(bucket)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    });
            assertThat(newClient.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        }
    }

    @Test
    void aDisabledKeyIsRefusedByS3UntilEnabledAgain() {
        String keyId = unique("TOGGLEKEY");
        String keySecret = secret("toggle");
        String user = createUser(unique("toggle"), false, keyId, keySecret);
        String bucket = createBucket(user);
        try (S3Client client = server.s3As(keyId, keySecret)) {
            assertThat(client.listBuckets().buckets()).extracting(Bucket::name).containsExactly(bucket);

            AdminHttp.Response disabled = admin.patch("/admin/v1/keys/" + keyId, "{\"status\":\"disabled\"}");
            assertThat(disabled.status()).isEqualTo(200);
            assertThat(disabled.json().path("status").asText()).isEqualTo("disabled");
            assertThatThrownBy(client::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
            });

            assertThat(admin.patch("/admin/v1/keys/" + keyId, "{\"status\":\"active\"}").json().path("status").asText())
                    .isEqualTo("active");
            assertThat(client.listBuckets().buckets()).extracting(Bucket::name).containsExactly(bucket);
        }
        assertError(admin.patch("/admin/v1/keys/" + keyId, "{\"status\":\"off\"}"), 400, "InvalidRequest");
    }

    @Test
    void grantsAreListedByFilterAndDeleted() {
        String user = createUser(unique("grantee"), false, unique("GRANTEEKEY"), secret("grantee"));
        String bucket = createBucket("root");
        assertThat(admin.post("/admin/v1/grants", "{\"bucket\":\"" + bucket + "\",\"prefix\":\"in/\",\"access\":\"write\",\"user\":\""
                + user + "\"}").status()).isEqualTo(201);

        JsonNode byUser = admin.get("/admin/v1/grants?user=" + user).json();
        assertThat(byUser).hasSize(1);
        assertThat(byUser.get(0).path("prefix").asText()).isEqualTo("in/");
        assertThat(byUser.get(0).path("access").asText()).isEqualTo("write");
        assertThat(admin.get("/admin/v1/grants?bucket=" + bucket).json()).hasSize(1);
        assertThat(admin.get("/admin/v1/grants?bucket=" + bucket + "&user=root").json()).isEmpty();

        assertThat(admin.delete("/admin/v1/grants?bucket=" + bucket + "&prefix=in%2F&user=" + user).status()).isEqualTo(204);
        assertThat(admin.get("/admin/v1/grants?user=" + user).json()).isEmpty();
    }

    @Test
    void listingsShowWhatWasCreated() {
        String user = createUser(unique("listed"), false, unique("LISTEDKEY"), secret("listed"));
        String bucket = createBucket(user);

        AdminHttp.Response users = admin.get("/admin/v1/users");
        assertThat(users.json().findValuesAsText("name")).contains(user).doesNotContain("root");
        assertThat(users.body()).doesNotContain("secretKey");
        List<String> buckets = new ArrayList<>();
        admin.get("/admin/v1/buckets").json().forEach(b -> buckets.add(b.path("name").asText()));
        assertThat(buckets).contains(bucket).isSorted();
        JsonNode one = admin.get("/admin/v1/buckets/" + bucket).json();
        assertThat(one.path("owner").asText()).isEqualTo(user);
        assertThat(one.path("region").asText()).isEqualTo(StowageServerExtension.REGION);
        assertThat(one.path("createdAt").asText()).endsWith("Z");
    }

    @Test
    void theServedOpenApiDocumentIsDocsOpenapiYaml() throws Exception {
        AdminHttp.Response document = admin.get("/admin/v1/openapi.yaml");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.raw().headers().firstValue("content-type")).hasValue("application/yaml");
        assertThat(document.raw().body()).isEqualTo(Files.readAllBytes(Path.of("..", "docs", "openapi.yaml")));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretOrTokenEverReachesTheLog(LogCapture log) {
        // what the other tests did is in the log: one DEBUG line per admin request, INFO per change
        assertThat(log.lines()).anyMatch(l -> l.startsWith("DEBUG") && l.contains("/admin/v1/info by admin-token -> 200"));
        assertThat(log.lines()).anyMatch(l -> l.startsWith("INFO") && l.contains("Created access key"));
        assertThat(SECRETS).hasSizeGreaterThan(10);
        for (String line : log.lines()) {
            for (String secret : SECRETS) {
                assertThat(line).as("a log line").doesNotContain(secret);
            }
        }
    }
}
