package io.stowage.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.model.Access;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.KeyStatus;
import io.stowage.engine.model.Quota;
import io.stowage.server.admin.json.GrantJson;
import io.stowage.server.admin.json.KeyGrantJson;
import io.stowage.server.admin.json.QuotaJson;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RequestChecksTest {

    private static void invalid(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AdminException.class, e -> {
            assertThat(e.code()).isEqualTo(AdminErrorCode.InvalidRequest);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void accessLevelsAndKeyStatesUseTheApiNames() {
        assertThat(RequestChecks.access("read")).isEqualTo(Access.READ);
        assertThat(RequestChecks.access("write")).isEqualTo(Access.WRITE);
        assertThat(RequestChecks.access("read-write")).isEqualTo(Access.READ_WRITE);
        invalid(() -> RequestChecks.access("READ_WRITE"), "read, write or read-write");
        invalid(() -> RequestChecks.access(null), "'access' is required");
        for (Access access : Access.values()) {
            assertThat(RequestChecks.access(Views.access(access))).isEqualTo(access);
        }

        assertThat(RequestChecks.status("active")).isEqualTo(KeyStatus.ACTIVE);
        assertThat(RequestChecks.status("disabled")).isEqualTo(KeyStatus.DISABLED);
        invalid(() -> RequestChecks.status("off"), "active or disabled");
    }

    @Test
    void absentQuotaLimitsAreNoLimitAndNegativeOnesAreRefused() {
        assertThat(RequestChecks.quota(null)).isEqualTo(Quota.NONE);
        assertThat(RequestChecks.quota(new QuotaJson(null, null))).isEqualTo(Quota.NONE);
        assertThat(RequestChecks.quota(new QuotaJson(100L, null))).isEqualTo(new Quota(100, 0));
        invalid(() -> RequestChecks.quota(new QuotaJson(-1L, 0L)), "0 (no limit) or more");
    }

    @Test
    void bucketNamesFollowTheS3Rules() {
        assertThat(RequestChecks.bucketName("photos-2026")).isEqualTo("photos-2026");
        invalid(() -> RequestChecks.bucketName("Photos"), "invalid bucket name 'Photos'");
        invalid(() -> RequestChecks.bucketName("192.168.1.1"), "IP address");
        invalid(() -> RequestChecks.bucketName(null), "'name' is required");
    }

    @Test
    void aGrantIsForExactlyOneSubject() {
        Grant grant = RequestChecks.grant(new GrantJson("photos", null, "read", "alice", null));
        assertThat(grant).isEqualTo(new Grant(GrantSubject.user("alice"), "photos", "", Access.READ));
        assertThat(RequestChecks.grant(new GrantJson("photos", "2026/", "write", null, "AK1")).subject())
                .isEqualTo(GrantSubject.key("AK1"));

        invalid(() -> RequestChecks.grant(new GrantJson("photos", "", "read", "alice", "AK1")), "exactly one of 'user' and 'key'");
        invalid(() -> RequestChecks.grant(new GrantJson("photos", "", "read", null, null)), "exactly one of 'user' and 'key'");
        invalid(() -> RequestChecks.grant(new GrantJson(null, "", "read", "alice", null)), "'bucket' is required");
    }

    @Test
    void keyGrantsBecomeGrantsOfTheNewKey() {
        List<Grant> grants = RequestChecks.keyGrants(List.of(new KeyGrantJson("photos", null, "read-write")), "AK1");
        assertThat(grants).containsExactly(new Grant(GrantSubject.key("AK1"), "photos", "", Access.READ_WRITE));
        assertThat(RequestChecks.keyGrants(null, "AK1")).isEmpty();
        invalid(() -> RequestChecks.keyGrants(java.util.Arrays.asList((KeyGrantJson) null), "AK1"), "must not contain null");
    }

    @Test
    void flagsAreTrueOrFalse() {
        assertThat(RequestChecks.flag(null, "force")).isFalse();
        assertThat(RequestChecks.flag("true", "force")).isTrue();
        assertThat(RequestChecks.flag("FALSE", "force")).isFalse();
        invalid(() -> RequestChecks.flag("", "force"), "'force' is true or false");
        invalid(() -> RequestChecks.flag("yes", "force"), "'force' is true or false");
    }

    @Test
    void keyPairsAreGivenWholeOrGenerated() {
        assertThat(KeyPair.supplied(null, null)).isNull();
        assertThat(KeyPair.supplied("AK1", "secret-secret")).isEqualTo(new KeyPair("AK1", "secret-secret"));
        invalid(() -> KeyPair.supplied("AK1", null), "accessKeyId and secretKey go together");
        invalid(() -> KeyPair.supplied(null, "secret-secret"), "accessKeyId and secretKey go together");
        assertThatThrownBy(() -> KeyPair.supplied("AK/1", "secret-secret")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> KeyPair.supplied("AK1", "short")).isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("short");

        KeyPair generated = KeyPair.generate();
        assertThat(generated.accessKeyId()).matches("[A-Z0-9]{20}");
        assertThat(generated.secretKey()).matches("[A-Za-z0-9]{40}");
        assertThat(generated.toString()).doesNotContain(generated.secretKey());
        assertThat(KeyPair.suppliedOrGenerated(null, null)).isNotEqualTo(KeyPair.suppliedOrGenerated(null, null));
    }
}
