package io.stowage.admin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes of docs/admin-api.md, read and written. */
class AdminJsonTest {

    private static <T> T read(String json, Class<T> type) throws Exception {
        return AdminJson.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    @Test
    void readsABucketWithQuotaAndUsage() throws Exception {
        Bucket bucket = read("""
                {"name":"photos","owner":"alice","createdAt":"2026-03-01T12:00:00Z","region":"us-east-1",
                 "quota":{"maxBytes":1073741824,"maxObjects":0},"usage":{"bytes":42,"objects":2}}""", Bucket.class);
        assertThat(bucket).isEqualTo(new Bucket("photos", "alice", Instant.parse("2026-03-01T12:00:00Z"), "us-east-1",
                new Quota(1L << 30, 0), new Usage(42, 2)));
    }

    @Test
    void readsAUserWithAScopedKeyAndIgnoresFieldsItDoesNotKnow() throws Exception {
        User user = read("""
                {"name":"alice","admin":false,"createdAt":"2026-03-01T12:00:00.123Z","future":"ignored",
                 "keys":[{"accessKeyId":"AK1","user":"alice","status":"disabled","createdAt":"2026-03-01T12:00:00Z",
                          "grants":[{"bucket":"photos","access":"read-write"},{"bucket":"logs","prefix":"app/","access":"read"}]}]}""",
                User.class);
        assertThat(user.admin()).isFalse();
        Key key = user.keys().getFirst();
        assertThat(key.status()).isEqualTo(KeyStatus.DISABLED);
        assertThat(key.grants()).containsExactly(new KeyGrant("photos", "", Access.READ_WRITE), new KeyGrant("logs", "app/", Access.READ));
    }

    @Test
    void readsRfc3339TimestampsWithAnOffset() throws Exception {
        Info info = read("""
                {"version":"0.1.0","region":"us-east-1","s3Address":"127.0.0.1:9000","adminAddress":"127.0.0.1:9001",
                 "dataDir":"/data","buckets":3,"users":2,"startedAt":"2026-03-01T12:00:00+00:00"}""", Info.class);
        assertThat(info.startedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(info.buckets()).isEqualTo(3);
    }

    @Test
    void readsAClusterDuringAnElection() throws Exception {
        ClusterStatus status = read("""
                {"nodeId":"n2","role":"CANDIDATE","leader":null,"term":7,"appliedIndex":0,
                 "members":[{"id":"n1","address":"[fd00::1]:9100"},{"id":"n2","address":"10.0.0.2:9100"}]}""",
                ClusterStatus.class);

        assertThat(status.role()).isEqualTo(ClusterRole.CANDIDATE);
        assertThat(status.leaderMember()).isEmpty();
        assertThat(status.member("n1")).hasValueSatisfying(m -> assertThat(m.host()).isEqualTo("fd00::1"));
        assertThat(status.member("n2")).hasValueSatisfying(m -> assertThat(m.host()).isEqualTo("10.0.0.2"));
        assertThat(status.hasMember("n3")).isFalse();
    }

    @Test
    void writesAGrantWithExactlyOneSubject() {
        assertThat(AdminJson.toPrettyJson(Grant.forKey("AK1", "photos", null, Access.WRITE)).replaceAll("\\s", ""))
                .isEqualTo("{\"bucket\":\"photos\",\"prefix\":\"\",\"access\":\"write\",\"key\":\"AK1\"}");
        assertThatThrownBy(() -> new Grant("photos", "", Access.READ, "alice", "AK1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Grant("photos", "", Access.READ, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTimestampsAsRfc3339Strings() {
        Key key = new Key("AK1", "alice", KeyStatus.ACTIVE, Instant.parse("2026-03-01T12:00:00Z"), List.of());
        assertThat(AdminJson.toPrettyJson(key)).contains("\"createdAt\" : \"2026-03-01T12:00:00Z\"").contains("\"status\" : \"active\"")
                .doesNotContain("scoped");
    }

    @Test
    void secretsStayOutOfToString() {
        var withSecret = new KeyWithSecret("AK1", "alice", KeyStatus.ACTIVE, Instant.EPOCH, List.of(), "very-secret-value");
        assertThat(withSecret.toString()).contains("AK1").doesNotContain("very-secret-value");
        assertThat(new KeyPair("AK1", "very-secret-value").toString()).doesNotContain("very-secret-value");
        assertThat(new UserWithKey(new User("alice", false, Instant.EPOCH, List.of()), withSecret).toString())
                .doesNotContain("very-secret-value");
    }

    @Test
    void accessNamesAreTheApis() {
        assertThat(Access.of("read-write")).isEqualTo(Access.READ_WRITE);
        assertThatThrownBy(() -> Access.of("rw")).hasMessageContaining("read, write, read-write");
    }
}
