package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.stowage.populate.PopulateResult;
import java.util.Objects;
import java.util.Optional;

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
