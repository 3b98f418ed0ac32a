package io.stowage.kube.secretclaim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckedClaimsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final CheckedClaims checked = new CheckedClaims(Duration.ofMinutes(30));

    @Test
    void aSecretNeverCheckedIsDue() {
        assertThat(checked.due("uid-1", START)).isTrue();
    }

    @Test
    void aCheckIsDueAgainOnceItIsAPeriodOld() {
        checked.checked("uid-1", START);

        assertThat(checked.due("uid-1", START.plus(Duration.ofMinutes(29)))).isFalse();
        assertThat(checked.due("uid-1", START.plus(Duration.ofMinutes(30)))).isTrue();
        assertThat(checked.due("uid-2", START.plus(Duration.ofMinutes(1)))).isTrue();
    }

    @Test
    void aNewerCheckOfTheSameSecretCountsAndOldOnesAreForgottenWithoutEffect() {
        checked.checked("uid-1", START);
        checked.checked("uid-2", START.plus(Duration.ofMinutes(10)));
        checked.checked("uid-1", START.plus(Duration.ofMinutes(20)));
        checked.checked("uid-3", START.plus(Duration.ofMinutes(45)));

        assertThat(checked.due("uid-1", START.plus(Duration.ofMinutes(45)))).isFalse();
        assertThat(checked.due("uid-2", START.plus(Duration.ofMinutes(45)))).isTrue();
        assertThat(checked.due("uid-3", START.plus(Duration.ofMinutes(45)))).isFalse();
    }
}
