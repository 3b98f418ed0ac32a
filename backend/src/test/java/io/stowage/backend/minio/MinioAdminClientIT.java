package io.stowage.backend.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.server.it.StowageServerExtension;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MinioAdminClient} against {@link FakeMinio}: signing, body encryption, the v3 fallback and error reasons. */
class MinioAdminClientIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();
    private static final AccessKey ROOT = new AccessKey(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY);
    private static final String REGION = StowageServerExtension.REGION;

    private static BucketBackend stowage;

    @BeforeAll
    static void openStowage() {
        stowage = BucketBackends.open(BackendSettings.fromSecretData(Map.of("s3Endpoint", SERVER.endpoint().toString(),
                "adminEndpoint", SERVER.adminEndpoint().toString(), "adminToken", StowageServerExtension.ADMIN_TOKEN)));
    }

    @AfterAll
    static void closeStowage() {
        stowage.close();
    }

    @Test
    void speaksV4ToAServerThatDoes() throws Exception {
        try (FakeMinio minio = FakeMinio.start(ROOT, REGION, stowage, SERVER.endpoint(), Set.of("v3", "v4"));
             MinioAdminClient client = MinioAdminClient.open(minio.endpoint(), ROOT, REGION, null)) {
            assertThat(client.userInfo("NOBODY")).isEmpty();
            assertThat(client.version()).isEqualTo("v4");
            assertThat(minio.requests()).isEqualTo(1);
        }
    }

    @Test
    void fallsBackToV3ForGoodWhenTheServerAnswers426() throws Exception {
        try (FakeMinio minio = FakeMinio.start(ROOT, REGION, stowage, SERVER.endpoint(), Set.of("v3"));
             MinioAdminClient client = MinioAdminClient.open(minio.endpoint(), ROOT, REGION, null)) {
            assertThat(client.userInfo("NOBODY")).isEmpty();
            assertThat(client.version()).isEqualTo("v3");
            assertThat(minio.requests()).isEqualTo(2);
            client.addUser(new AccessKey("SOMEONE", "someone-secret-0123456789"));
            assertThat(minio.requests()).isEqualTo(3);
        }
    }

    @Test
    void encryptedUsersAndPoliciesRoundTrip() throws Exception {
        AccessKey user = new AccessKey("USER1", "user-secret-0123456789");
        try (FakeMinio minio = FakeMinio.start(ROOT, REGION, stowage, SERVER.endpoint(), Set.of("v4"));
             MinioAdminClient client = MinioAdminClient.open(minio.endpoint(), ROOT, REGION, null)) {
            client.addUser(user);
            client.addCannedPolicy("p1", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
            client.attachPolicy(user.id(), "p1");
            client.attachPolicy(user.id(), "p1");
            client.addToGroup("g1", user.id());

            assertThat(client.userInfo(user.id()).orElseThrow().path("policyName").asText()).isEqualTo("p1");
            assertThat(client.groupMembers("g1")).contains(List.of(user.id()));
            assertThat(client.cannedPolicies()).containsKey("p1");
            assertThat(client.accepts(user)).isTrue();
            assertThat(client.accepts(new AccessKey(user.id(), "another-secret-0123456789"))).isFalse();
            assertThat(client.accepts(new AccessKey("NOSUCHUSER", "whatever-secret-0123"))).isFalse();

            client.detachPolicy(user.id(), "p1");
            client.detachPolicy(user.id(), "p1");
            client.removeUser(user.id());
            client.removeUser(user.id());
            client.removeGroup("g1");
            client.removeGroup("g1");
            client.removeCannedPolicy("p1");
            client.removeCannedPolicy("p1");
            assertThat(client.userInfo(user.id())).isEmpty();
            assertThat(client.groupMembers("g1")).isEmpty();
            assertThat(client.cannedPolicy("p1")).isEmpty();
        }
    }

    @Test
    void failuresCarryTheirReason() throws Exception {
        try (FakeMinio minio = FakeMinio.start(ROOT, REGION, stowage, SERVER.endpoint(), Set.of("v4"));
             MinioAdminClient client = MinioAdminClient.open(minio.endpoint(), ROOT, REGION, null);
             MinioAdminClient wrong = MinioAdminClient.open(minio.endpoint(), new AccessKey(ROOT.id(), "wrong-secret-0123456789"),
                     REGION, null);
             MinioAdminClient down = MinioAdminClient.open(URI.create("http://127.0.0.1:1"), ROOT, REGION, null)) {
            assertThat(reason(() -> client.attachPolicy("NOBODY", "p"))).isEqualTo(Reason.NOT_FOUND);
            assertThat(reason(() -> wrong.userInfo("NOBODY"))).isEqualTo(Reason.UNAUTHORIZED);
            // the fake decrypts add-user's body with its root secret: a body under another password is refused
            assertThat(reason(() -> wrong.addUser(new AccessKey("X", "x-secret-0123456789")))).isEqualTo(Reason.UNAUTHORIZED);
            BackendException unreachable = catchThrowableOfType(BackendException.class, () -> down.userInfo("NOBODY"));
            assertThat(unreachable.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(unreachable.retryable()).isTrue();
        }
    }

    @Test
    void statusesMapToReasons() {
        assertThat(Reason.ofHttpStatus(403)).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(Reason.ofHttpStatus(404)).isEqualTo(Reason.NOT_FOUND);
        assertThat(Reason.ofHttpStatus(409)).isEqualTo(Reason.CONFLICT);
        assertThat(Reason.ofHttpStatus(400)).isEqualTo(Reason.INVALID);
        assertThat(Reason.ofHttpStatus(503)).isEqualTo(Reason.UNAVAILABLE);
        assertThat(Reason.ofHttpStatus(429).retryable()).isTrue();
    }

    private static Reason reason(Runnable call) {
        return catchThrowableOfType(BackendException.class, call::run).reason();
    }
}
