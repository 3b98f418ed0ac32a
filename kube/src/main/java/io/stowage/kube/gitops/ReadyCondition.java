package io.stowage.kube.gitops;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Sets a status's Ready condition the Kubernetes way: lastTransitionTime moves only when its status flips. */
final class ReadyCondition {

    static final String READY = "Ready";
    private static final int MAX_MESSAGE = 1000;

    private ReadyCondition() {
    }

    static void set(GitopsStatus status, Long generation, boolean ready, String reason, String message, Instant now) {
        String value = ready ? "True" : "False";
        String since = status.getConditions().stream()
                .filter(c -> READY.equals(c.getType()) && value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .findFirst()
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
        status.setConditions(List.of(new ConditionBuilder().withType(READY).withStatus(value).withReason(reason)
                .withMessage(text).withObservedGeneration(generation).withLastTransitionTime(since).build()));
        status.setObservedGeneration(generation);
        status.setLastError(ready ? null : text);
    }

    /** Since when the Ready condition has had its status; {@code now} when there is none. */
    static Instant since(GitopsStatus status, Instant now) {
        return status.getConditions().stream().filter(c -> READY.equals(c.getType()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime())).findFirst().orElse(now);
    }

    /** The Ready condition's reason, or null. */
    static String reason(GitopsStatus status) {
        return status == null ? null : status.getConditions().stream().filter(c -> READY.equals(c.getType()))
                .map(Condition::getReason).findFirst().orElse(null);
    }
}
