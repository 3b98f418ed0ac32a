package io.stowage.admin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's requests and its reading of answers and errors, against a canned HTTP server. */
class AdminClientTest {

    private static final String TOKEN = "0123456789abcdef-admin-token";
    private static final String KEY_JSON = """
            {"accessKeyId":"AK1","user":"alice","status":"active","createdAt":"2026-03-01T12:00:00Z","grants":[],
             "secretKey":"generated-secret-0123456789"}""";
    private static final String BUCKET_JSON = """
            {"name":"photos","owner":"alice","createdAt":"2026-03-01T12:00:00Z","region":"us-east-1",
             "quota":{"maxBytes":0,"maxObjects":10},"usage":{"bytes":0,"objects":0}}""";
    private static final String CLUSTER_JSON = """
            {"nodeId":"s3-0","role":"FOLLOWER","leader":"s3-1","term":4,"appliedIndex":120,
             "members":[{"id":"s3-0","address":"s3-0.s3-headless.apps.svc:9100"},
                        {"id":"s3-1","address":"s3-1.s3-headless.apps.svc:9100"}]}""";

    private StubAdminServer stub;
    private AdminClient client;

    @BeforeEach
    void start() throws Exception {
        stub = new StubAdminServer();
        client = AdminClient.builder(stub.endpoint()).token(TOKEN).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void createsAUserWithGivenKeysAndTellsCreatedFromExisting() {
        String answer = "{\"user\":{\"name\":\"alice\",\"admin\":true,\"createdAt\":\"2026-03-01T12:00:00Z\",\"keys\":[]},\"key\":" + KEY_JSON + "}";
        stub.on("POST /admin/v1/users", 201, answer);
        CreateResult<UserWithKey> first = client.createUser("alice", true, new KeyPair("AK1", "chosen-secret-123"));
        assertThat(first.created()).isTrue();
        assertThat(first.value().user().admin()).isTrue();
        assertThat(first.value().key().secretKey()).isEqualTo("generated-secret-0123456789");
        assertThat(stub.last().authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(stub.last().contentType()).isEqualTo("application/json");
        assertThat(stub.last().body()).isEqualTo("{\"name\":\"alice\",\"admin\":true,\"accessKeyId\":\"AK1\",\"secretKey\":\"chosen-secret-123\"}");

        stub.on("POST /admin/v1/users", 200, "{\"user\":{\"name\":\"alice\",\"admin\":true,\"createdAt\":\"2026-03-01T12:00:00Z\"}}");
        CreateResult<UserWithKey> again = client.createUser("alice", true);
        assertThat(again.created()).isFalse();
        assertThat(again.value().key()).isNull();
        assertThat(stub.last().body()).isEqualTo("{\"name\":\"alice\",\"admin\":true}");
    }

    @Test
    void createsAScopedKeyAndRotatesIt() {
        stub.on("POST /admin/v1/users/alice/keys", 201, KEY_JSON);
        CreateResult<KeyWithSecret> key = client.createKey("alice", null, List.of(new KeyGrant("photos", "2026/", Access.READ)));
        assertThat(key.created()).isTrue();
        assertThat(stub.last().body()).isEqualTo("{\"grants\":[{\"bucket\":\"photos\",\"prefix\":\"2026/\",\"access\":\"read\"}]}");

        stub.on("POST /admin/v1/keys/AK1/rotate", 201, KEY_JSON.replace("AK1", "AK2"));
        assertThat(client.rotateKey("AK1").accessKeyId()).isEqualTo("AK2");
        assertThat(stub.last().body()).isEqualTo("{}");

        stub.on("PATCH /admin/v1/keys/AK1", 200, KEY_JSON.replace("active", "disabled"));
        assertThat(client.setKeyStatus("AK1", KeyStatus.DISABLED).status()).isEqualTo(KeyStatus.DISABLED);
        assertThat(stub.last().body()).isEqualTo("{\"status\":\"disabled\"}");
    }

    @Test
    void encodesNamesSoTheyStayOneSegmentOrValue() {
        stub.on("GET /admin/v1/users/a%2Bb%3D%2C.%40_-", 200, "{\"name\":\"a+b=,.@_-\",\"admin\":false}");
        assertThat(client.getUser("a+b=,.@_-").name()).isEqualTo("a+b=,.@_-");

        stub.on("DELETE /admin/v1/users/%2E%2E", 204, "");
        client.deleteUser("..");
        assertThat(stub.last().rawPathAndQuery()).isEqualTo("/admin/v1/users/%2E%2E");

        stub.on("DELETE /admin/v1/grants?bucket=photos&prefix=a%20b%2Bc%2F&user=alice", 204, "");
        client.deleteUserGrant("alice", "photos", "a b+c/");
        assertThat(stub.last().method()).isEqualTo("DELETE");

        stub.on("DELETE /admin/v1/grants?bucket=photos&prefix=&key=AK1", 204, "");
        client.deleteKeyGrant("AK1", "photos", null);
        assertThat(stub.last().rawPathAndQuery()).isEqualTo("/admin/v1/grants?bucket=photos&prefix=&key=AK1");
    }

    @Test
    void listsGrantsFilteredOnlyByWhatIsGiven() {
        stub.on("GET /admin/v1/grants?bucket=photos&key=AK1", 200,
                "[{\"bucket\":\"photos\",\"prefix\":\"\",\"access\":\"read\",\"key\":\"AK1\"}]");
        assertThat(client.listGrants(GrantFilter.ALL.bucket("photos").key("AK1")))
                .containsExactly(Grant.forKey("AK1", "photos", "", Access.READ));
        stub.on("GET /admin/v1/grants", 200, "[]");
        assertThat(client.listGrants(GrantFilter.ALL)).isEmpty();
    }

    @Test
    void bucketsQuotasAndForceDelete() {
        stub.on("POST /admin/v1/buckets", 200, BUCKET_JSON);
        CreateResult<Bucket> bucket = client.createBucket("photos", "alice", new Quota(0, 10));
        assertThat(bucket.created()).isFalse();
        assertThat(bucket.value().quota().maxObjects()).isEqualTo(10);
        assertThat(stub.last().body()).isEqualTo("{\"name\":\"photos\",\"owner\":\"alice\",\"quota\":{\"maxBytes\":0,\"maxObjects\":10}}");

        stub.on("DELETE /admin/v1/buckets/photos/quota", 200, BUCKET_JSON);
        client.clearBucketQuota("photos");
        stub.on("DELETE /admin/v1/buckets/photos?force=true", 204, "");
        client.forceDeleteBucket("photos");
        assertThat(stub.last().rawPathAndQuery()).isEqualTo("/admin/v1/buckets/photos?force=true");
        stub.on("GET /admin/v1/buckets/photos/usage", 200, "{\"bytes\":5,\"objects\":1}");
        assertThat(client.getBucketUsage("photos")).isEqualTo(new Usage(5, 1));
    }

    @Test
    void prefixQuotasAreSetListedAndDeletedByPrefix() {
        String quota = "{\"prefix\":\"vol-1/\",\"quota\":{\"maxBytes\":1048576,\"maxObjects\":0},"
                + "\"usage\":{\"bytes\":5,\"objects\":1}}";
        PrefixQuota expected = new PrefixQuota("vol-1/", new Quota(1_048_576, 0), new Usage(5, 1));
        stub.on("PUT /admin/v1/buckets/photos/prefix-quotas", 200, quota);
        assertThat(client.setPrefixQuota("photos", "vol-1/", new Quota(1_048_576, 0))).isEqualTo(expected);
        assertThat(stub.last().body()).isEqualTo("{\"prefix\":\"vol-1/\",\"maxBytes\":1048576,\"maxObjects\":0}");

        stub.on("GET /admin/v1/buckets/photos/prefix-quotas", 200, "[" + quota + "]");
        assertThat(client.listPrefixQuotas("photos")).containsExactly(expected);
        stub.on("GET /admin/v1/buckets/photos/prefix-quotas?prefix=vol-1%2F", 200, "[" + quota + "]");
        assertThat(client.getPrefixQuota("photos", "vol-1/")).isEqualTo(expected);
        stub.on("GET /admin/v1/buckets/photos/prefix-quotas?prefix=vol-2%2F", 200, "[]");
        assertThat(client.getPrefixQuota("photos", "vol-2/")).isNull();

        stub.on("DELETE /admin/v1/buckets/photos/prefix-quotas?prefix=vol-1%2F", 204, "");
        client.deletePrefixQuota("photos", "vol-1/");
        assertThat(stub.last().method()).isEqualTo("DELETE");
        assertThat(stub.last().rawPathAndQuery()).isEqualTo("/admin/v1/buckets/photos/prefix-quotas?prefix=vol-1%2F");
    }

    @Test
    void policiesTravelAsTheyAre() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        stub.on("PUT /admin/v1/buckets/photos/policy", 204, "");
        client.putBucketPolicy("photos", policy);
        assertThat(stub.last().body()).isEqualTo(policy);
        stub.on("GET /admin/v1/buckets/photos/policy", 200, policy);
        assertThat(client.getBucketPolicy("photos")).isEqualTo(policy);
    }

    @Test
    void errorsCarryStatusCodeAndMessage() {
        stub.on("DELETE /admin/v1/users/alice", 409, "{\"code\":\"Conflict\",\"message\":\"user alice owns buckets: photos\"}");
        AdminApiException conflict = catchThrowableOfType(AdminApiException.class, () -> client.deleteUser("alice"));
        assertThat(conflict.isConflict()).isTrue();
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("Conflict");
        assertThat(conflict.getMessage()).isEqualTo("user alice owns buckets: photos");
        assertThat(conflict.isRetryable()).isFalse();

        AdminApiException missing = catchThrowableOfType(AdminApiException.class, () -> client.getBucket("nope"));
        assertThat(missing.isNotFound()).isTrue();
    }

    @Test
    void errorsWithoutTheApisBodyStillGetACode() {
        stub.on("GET /admin/v1/info", 401, "");
        AdminApiException unauthorized = catchThrowableOfType(AdminApiException.class, client::info);
        assertThat(unauthorized.isUnauthorized()).isTrue();
        assertThat(unauthorized.code()).isEqualTo("Unauthorized");
        assertThat(unauthorized.getMessage()).contains("HTTP 401").doesNotContain(TOKEN);

        stub.on("GET /admin/v1/buckets", 502, "<html>bad gateway</html>");
        AdminApiException gateway = catchThrowableOfType(AdminApiException.class, client::listBuckets);
        assertThat(gateway.code()).isEqualTo("InternalError");
        assertThat(gateway.isRetryable()).isTrue();
    }

    @Test
    void anUnreadableAnswerIsReportedWithoutQuotingIt() {
        stub.on("POST /admin/v1/users/alice/keys", 201, "{\"accessKeyId\":\"AK1\",\"secretKey\":\"leaked-secret-value\",\"status\":\"sleeping\"}");
        AdminApiException e = catchThrowableOfType(AdminApiException.class, () -> client.createKey("alice", null, List.of()));
        assertThat(e.code()).isEqualTo(AdminApiException.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("POST /admin/v1/users/alice/keys").doesNotContain("leaked-secret-value", "sleeping");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void readsTheClusterStatusAndItsLeader() {
        stub.on("GET /admin/v1/cluster", 200, CLUSTER_JSON);

        ClusterStatus status = client.clusterStatus();

        assertThat(status.role()).isEqualTo(ClusterRole.FOLLOWER);
        assertThat(status.answeredByLeader()).isFalse();
        assertThat(status.term()).isEqualTo(4);
        assertThat(status.appliedIndex()).isEqualTo(120);
        assertThat(status.memberIds()).containsExactly("s3-0", "s3-1");
        assertThat(status.leaderMember()).hasValueSatisfying(leader -> {
            assertThat(leader.id()).isEqualTo("s3-1");
            assertThat(leader.host()).isEqualTo("s3-1.s3-headless.apps.svc");
        });
        assertThat(stub.last().authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void addsAMemberAndAnswersTheNewGroup() {
        stub.on("POST /admin/v1/cluster/members", 200, CLUSTER_JSON.replace("\"FOLLOWER\"", "\"LEADER\""));

        ClusterStatus status = client.addClusterMember("s3-1", "s3-1.s3-headless.apps.svc:9100");

        assertThat(status.answeredByLeader()).isTrue();
        assertThat(status.hasMember("s3-1")).isTrue();
        assertThat(stub.last().contentType()).isEqualTo("application/json");
        assertThat(stub.last().body()).isEqualTo("{\"id\":\"s3-1\",\"address\":\"s3-1.s3-headless.apps.svc:9100\"}");
    }

    @Test
    void removesAMemberByItsEncodedId() {
        stub.on("DELETE /admin/v1/cluster/members/s3-4", 204, "");
        stub.on("DELETE /admin/v1/cluster/members/node%201", 204, "");

        client.removeClusterMember("s3-4");
        client.removeClusterMember("node 1");

        assertThat(stub.requests()).extracting(StubAdminServer.Seen::rawPathAndQuery)
                .containsExactly("/admin/v1/cluster/members/s3-4", "/admin/v1/cluster/members/node%201");
    }

    @Test
    void aSingleServerHasNoClusterAndAGroupWithoutQuorumIsRetryable() {
        stub.on("GET /admin/v1/cluster", 404, "{\"code\":\"NotFound\",\"message\":\"this server is a single node\"}");
        assertThat(catchThrowableOfType(AdminApiException.class, client::clusterStatus).isNotFound()).isTrue();

        stub.on("POST /admin/v1/cluster/members", 503, "{\"code\":\"ServiceUnavailable\",\"message\":\"no quorum\"}");
        AdminApiException noQuorum = catchThrowableOfType(AdminApiException.class,
                () -> client.addClusterMember("s3-3", "s3-3.s3-headless.apps.svc:9100"));
        assertThat(noQuorum.status()).isEqualTo(503);
        assertThat(noQuorum.isRetryable()).isTrue();

        stub.on("POST /admin/v1/cluster/members", 409, "{\"code\":\"Conflict\",\"message\":\"s3-3 is a member at another address\"}");
        assertThat(catchThrowableOfType(AdminApiException.class,
                () -> client.addClusterMember("s3-3", "elsewhere:9100")).isConflict()).isTrue();
    }

    @Test
    void healthNeedsNoToken() {
        stub.on("GET /admin/v1/health", 200, "{\"status\":\"ok\"}");
        assertThat(client.health()).isEqualTo("ok");
        assertThat(stub.last().authorization()).isNull();
    }

    @Test
    void anUnreachableServerIsATransportFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (AdminClient closed = AdminClient.builder(URI.create("http://127.0.0.1:" + port)).token(TOKEN).build()) {
            AdminApiException e = catchThrowableOfType(AdminApiException.class, closed::listUsers);
            assertThat(e.isTransportFailure()).isTrue();
            assertThat(e.code()).isEqualTo(AdminApiException.UNREACHABLE);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo("cannot reach the admin API at http://127.0.0.1:" + port + ": connection refused");
        }
    }

    @Test
    void anUnknownHostIsNamedAsSuch() {
        try (AdminClient nowhere = AdminClient.builder(URI.create("http://no-such-host.invalid:9001")).build()) {
            assertThat(catchThrowableOfType(AdminApiException.class, nowhere::info).getMessage()).endsWith(": unknown host");
        }
    }

    @Test
    void aSlowServerTimesOut() {
        stub.slowly("GET /admin/v1/users", 2_000);
        try (AdminClient impatient = AdminClient.builder(stub.endpoint()).token(TOKEN).requestTimeout(Duration.ofMillis(200)).build()) {
            AdminApiException e = catchThrowableOfType(AdminApiException.class, impatient::listUsers);
            assertThat(e.code()).isEqualTo(AdminApiException.TIMEOUT);
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void theEndpointMustBeAnHttpUrl() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> AdminClient.builder(URI.create("localhost:9001"))))
                .hasMessageContaining("http://");
        assertThat(AdminClient.builder(URI.create("http://h:1/")).token(TOKEN).build().toString()).doesNotContain(TOKEN);
    }
}
