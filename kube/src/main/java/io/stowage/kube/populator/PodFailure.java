package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.stowage.populate.PopulateResult;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What a failed populator pod says about its failure: the container's exit code and termination message. */
final class PodFailure {

    private PodFailure() {
    }

    static String describe(Pod pod) {
        Optional<ContainerStateTerminated> terminated = terminated(pod);
        if (terminated.isPresent()) {
            String message = terminated.get().getMessage() == null || terminated.get().getMessage().isBlank()
                    ? "no message" : terminated.get().getMessage().strip();
            return "exit code " + terminated.get().getExitCode() + ": " + message;
        }
        var status = pod.getStatus();
        return status != null && status.getMessage() != null ? status.getMessage() : "no reason given";
    }

    /** Container waiting reasons that do not go away by waiting longer. */
    private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError");

    /**
     * Why a pod that has not ended cannot make progress, if it cannot: its container stuck (an image that does not
     * pull, a Secret it cannot mount), or no node to run on.
     */
    static Optional<String> stuck(Pod pod) {
        var status = pod.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        if (status.getContainerStatuses() != null) {
            for (var container : status.getContainerStatuses()) {
                var waiting = container.getState() == null ? null : container.getState().getWaiting();
                if (waiting != null && STUCK.contains(waiting.getReason())) {
                    return Optional.of(waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage()));
                }
            }
        }
        if (status.getConditions() != null) {
            for (var condition : status.getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                        && "Unschedulable".equals(condition.getReason())) {
                    return Optional.of("Unschedulable" + (condition.getMessage() == null ? "" : ": " + condition.getMessage()));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the worker ended with {@link PopulateResult#REFUSED}: all copied but keys it would not write. */
    static boolean onlyKeysRefused(Pod pod) {
        return terminated(pod).map(t -> t.getExitCode() != null && t.getExitCode() == PopulateResult.REFUSED).orElse(false);
    }

    private static Optional<ContainerStateTerminated> terminated(Pod pod) {
        var status = pod.getStatus();
        if (status == null || status.getContainerStatuses() == null) {
            return Optional.empty();
        }
        return status.getContainerStatuses().stream()
                .map(c -> c.getState() == null ? null : c.getState().getTerminated())
                .filter(Objects::nonNull).findFirst();
    }
}
