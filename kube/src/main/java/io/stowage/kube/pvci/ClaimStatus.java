package io.stowage.kube.pvci;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.stowage.kube.populator.PopulatorAnnotations;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PVCi's {@code /status} answer for a claim the populator fills. PVCi reported its injector Job's pod phase; here
 * the "injector" is the populator: {@code Pending} until it created its pod, {@code Running} while it copies,
 * {@code Succeeded} once the volume was handed to the claim, {@code Failed} when its latest word on the claim is a
 * Warning (a failed pod, which it retries; an unreachable source; a missing Secret). A source too large for the
 * claim is a claim error, as in PVCi, where the volume was sized from the data.
 */
public record ClaimStatus(
        @JsonProperty("InjectorHasError") boolean injectorHasError,
        @JsonProperty("InjectorError") String injectorError,
        @JsonProperty("InjectorState") String injectorState,
        @JsonProperty("PVCHasError") boolean pvcHasError,
        @JsonProperty("PVCError") String pvcError,
        @JsonProperty("PVCStatus") String pvcStatus) {

    private static final Set<String> PROGRESS = Set.of("PopulatorCreated", "PopulatorFailed", "PopulatorFinished");

    /** @param events the events on the claim, in any order */
    public static ClaimStatus of(PersistentVolumeClaim claim, List<Event> events) {
        Map<String, String> annotations = claim.getMetadata().getAnnotations() == null ? Map.of()
                : claim.getMetadata().getAnnotations();
        String phase = claim.getStatus() == null || claim.getStatus().getPhase() == null ? "Pending"
                : claim.getStatus().getPhase();
        String tooLarge = annotations.get(PopulatorAnnotations.SIZE_REFUSED);
        boolean lost = "Lost".equals(phase);
        String pvcError = tooLarge != null ? tooLarge : lost ? "the claim lost its volume" : "";
        if (annotations.containsKey(PopulatorAnnotations.POPULATED_FROM) || "Bound".equals(phase)) {
            return new ClaimStatus(false, "", "Succeeded", !pvcError.isEmpty(), pvcError, phase);
        }
        Optional<Event> latest = events.stream()
                .filter(e -> "Warning".equals(e.getType()) || PROGRESS.contains(e.getReason()))
                .max(Comparator.comparing(ClaimStatus::time));
        if (latest.isPresent() && "Warning".equals(latest.get().getType())) {
            return new ClaimStatus(true, latest.get().getReason() + ": " + latest.get().getMessage(), "Failed",
                    !pvcError.isEmpty(), pvcError, phase);
        }
        String state = latest.map(e -> "PopulatorFinished".equals(e.getReason()) ? "Succeeded" : "Running")
                .orElse("Pending");
        return new ClaimStatus(false, "", state, !pvcError.isEmpty(), pvcError, phase);
    }

    private static String time(Event event) {
        String last = event.getLastTimestamp() != null ? event.getLastTimestamp() : event.getFirstTimestamp();
        return last == null ? "" : last; // RFC 3339 in UTC: orders as text
    }
}
