package io.stowage.kube.secretclaim;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.provision.BackendRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimAccountsTest {

    @Test
    void anAccountIsNamedAfterItsSecret() {
        assertThat(ClaimAccounts.of("team-a", "photos")).isEqualTo("secret.team-a.photos");
    }

    @Test
    void aNameTooLongForStowageIsCutAndKeptUniqueByAHash() {
        String name = "a".repeat(70);
        String account = ClaimAccounts.of("team-a", name);
        String other = ClaimAccounts.of("team-a", name + "b");

        assertThat(account).hasSize(ClaimAccounts.MAX_LENGTH).startsWith("secret.team-a.aaa").matches("[A-Za-z0-9+=,.@_-]{1,64}");
        assertThat(other).hasSize(ClaimAccounts.MAX_LENGTH).isNotEqualTo(account);
        assertThat(ClaimAccounts.of("team-a", name)).isEqualTo(account);
    }

    @Test
    void theFingerprintChangesWithEveryFieldThatIsProvisioned() {
        BackendRef backend = new BackendRef("ops", "stowage");
        SecretClaim claim = new SecretClaim("b1", new AccessKey("AKID1234", "s3cr3t-value"), Optional.empty(), List.of());
        String fingerprint = ClaimFingerprint.of("acct", backend, claim, BucketQuota.NONE, AccessMode.READ_WRITE);

        assertThat(fingerprint).startsWith("v2-").doesNotContain("s3cr3t-value")
                .isEqualTo(ClaimFingerprint.of("acct", backend, claim, BucketQuota.NONE, AccessMode.READ_WRITE));
        assertThat(List.of(
                ClaimFingerprint.of("acct2", backend, claim, BucketQuota.NONE, AccessMode.READ_WRITE),
                ClaimFingerprint.of("acct", new BackendRef("ops", "other"), claim, BucketQuota.NONE, AccessMode.READ_WRITE),
                ClaimFingerprint.of("acct", backend, new SecretClaim("b2", claim.key(), Optional.empty(), List.of()), BucketQuota.NONE, AccessMode.READ_WRITE),
                ClaimFingerprint.of("acct", backend, new SecretClaim("b1", new AccessKey("AKID1235", "s3cr3t-value"), Optional.empty(), List.of()), BucketQuota.NONE, AccessMode.READ_WRITE),
                ClaimFingerprint.of("acct", backend, new SecretClaim("b1", new AccessKey("AKID1234", "s3cr3t-valuf"), Optional.empty(), List.of()), BucketQuota.NONE, AccessMode.READ_WRITE),
                ClaimFingerprint.of("acct", backend, claim, new BucketQuota(1024, 0), AccessMode.READ_WRITE),
                ClaimFingerprint.of("acct", backend, claim, new BucketQuota(0, 10), AccessMode.READ_WRITE),
                ClaimFingerprint.of("acct", backend, claim, BucketQuota.NONE, AccessMode.READ_ONLY)))
                .doesNotContain(fingerprint).doesNotHaveDuplicates();
    }
}
