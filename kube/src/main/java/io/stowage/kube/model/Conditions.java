package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Sets conditions the Kubernetes way: lastTransitionTime moves only when the status flips. */
final class Conditions {

    static final String READY = "Ready";
    static final String PROGRESSING = "Progressing";
    static final String DEGRADED = "Degraded";

    private final List<Condition> previous;
    private final List<Condition> next = new ArrayList<>();
    private final Long generation;
    private final Instant now;

    Conditions(List<Condition> previous, Long generation, Instant now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now;
    }

    Conditions set(String type, boolean status, String reason, String message) {
        String value = status ? "True" : "False";
        String since = previous.stream()
                .filter(c -> c.getType().equals(type) && value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .findFirst()
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        next.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build());
        return this;
    }

    List<Condition> list() {
        return List.copyOf(next);
    }
}
