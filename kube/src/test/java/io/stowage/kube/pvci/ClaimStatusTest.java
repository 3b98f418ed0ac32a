package io.stowage.kube.pvci;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.stowage.kube.populator.PopulatorAnnotations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimStatusTest {

    @Test
    void aNewClaimIsPendingWithoutErrors() {
        assertThat(ClaimStatus.of(claim(Map.of(), null), List.of()))
                .isEqualTo(new ClaimStatus(false, "", "Pending", false, "", "Pending"));
    }

    @Test
    void theLatestPopulatorEventSaysTheInjectorState() {
        var created = event("Normal", "PopulatorCreated", "populating", "2026-01-01T00:00:01Z");
        var failed = event("Warning", "PopulatorFailed", "exit code 3", "2026-01-01T00:00:02Z");
        assertThat(ClaimStatus.of(claim(Map.of(), "Pending"), List.of(created)).injectorState()).isEqualTo("Running");
        ClaimStatus status = ClaimStatus.of(claim(Map.of(), "Pending"), List.of(failed, created));
        assertThat(status.injectorState()).isEqualTo("Failed");
        assertThat(status.injectorHasError()).isTrue();
        assertThat(status.injectorError()).isEqualTo("PopulatorFailed: exit code 3");
        var again = event("Normal", "PopulatorCreated", "populating", "2026-01-01T00:00:03Z");
        assertThat(ClaimStatus.of(claim(Map.of(), "Pending"), List.of(failed, again)).injectorState()).isEqualTo("Running");
    }

    @Test
    void aSourceTooLargeIsAClaimError() {
        ClaimStatus status = ClaimStatus.of(claim(Map.of(PopulatorAnnotations.SIZE_REFUSED, "too large"), "Pending"),
                List.of(event("Warning", "SourceTooLarge", "too large", "2026-01-01T00:00:01Z")));
        assertThat(status.pvcHasError()).isTrue();
        assertThat(status.pvcError()).isEqualTo("too large");
    }

    @Test
    void aPopulatedOrBoundClaimSucceeded() {
        assertThat(ClaimStatus.of(claim(Map.of(PopulatorAnnotations.POPULATED_FROM, "ml/x"), "Pending"), List.of())
                .injectorState()).isEqualTo("Succeeded");
        assertThat(ClaimStatus.of(claim(Map.of(), "Bound"), List.of()))
                .isEqualTo(new ClaimStatus(false, "", "Succeeded", false, "", "Bound"));
    }

    private static PersistentVolumeClaim claim(Map<String, String> annotations, String phase) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName("x").withAnnotations(annotations)
                .endMetadata().withNewStatus().withPhase(phase).endStatus().build();
    }

    private static Event event(String type, String reason, String message, String time) {
        return new EventBuilder().withType(type).withReason(reason).withMessage(message).withLastTimestamp(time).build();
    }
}
