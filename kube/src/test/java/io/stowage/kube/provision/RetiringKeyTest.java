package io.stowage.kube.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetiringKeyTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void isRecordedOnTheSecretBesideItsOtherAnnotationsAndReadBack() {
        Secret secret = secret(Map.of(ProvisioningAnnotations.CREDENTIALS_ROTATED, "r1"));

        new RetiringKey("OLDKEY", AT).recordOn(secret.getMetadata());

        assertThat(secret.getMetadata().getAnnotations()).containsEntry(ProvisioningAnnotations.CREDENTIALS_ROTATED, "r1")
                .containsEntry(ProvisioningAnnotations.RETIRING_KEY, "OLDKEY")
                .containsEntry(ProvisioningAnnotations.RETIRE_AT, "2026-11-22T10:00:00Z");
        assertThat(RetiringKey.of(secret)).contains(new RetiringKey("OLDKEY", AT));
    }

    @Test
    void aSecretWithoutACompleteReadableRecordHasNoRetiringKey() {
        assertThat(RetiringKey.of(new SecretBuilder().withNewMetadata().withName("s").endMetadata().build())).isEmpty();
        assertThat(RetiringKey.of(secret(Map.of(ProvisioningAnnotations.RETIRING_KEY, "OLDKEY")))).isEmpty();
        assertThat(RetiringKey.of(secret(Map.of(ProvisioningAnnotations.RETIRING_KEY, "OLDKEY",
                ProvisioningAnnotations.RETIRE_AT, "soon")))).isEmpty();
    }

    @Test
    void worksUntilItsTimeAndIsDueALittleAfterIt() {
        RetiringKey key = new RetiringKey("OLDKEY", AT);

        assertThat(key.inGrace(AT.minusMillis(1))).isTrue();
        assertThat(key.inGrace(AT)).isFalse();
        assertThat(key.untilDue(AT.minusSeconds(2))).isGreaterThan(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(3));
        assertThat(key.untilDue(AT.plusSeconds(5))).isPositive().isLessThan(Duration.ofSeconds(1));
    }

    private static Secret secret(Map<String, String> annotations) {
        return new SecretBuilder().withNewMetadata().withName("s").withAnnotations(annotations).endMetadata().build();
    }
}
