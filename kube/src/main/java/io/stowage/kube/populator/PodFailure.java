package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.Pod;

/** What a failed populator pod says about its failure: the container's exit code and termination message. */
final class PodFailure {

    private PodFailure() {
    }

    static String describe(Pod pod) {
        var status = pod.getStatus();
        if (status != null && status.getContainerStatuses() != null) {
            for (var container : status.getContainerStatuses()) {
                var terminated = container.getState() == null ? null : container.getState().getTerminated();
                if (terminated != null) {
                    String message = terminated.getMessage() == null || terminated.getMessage().isBlank()
                            ? "no message" : terminated.getMessage().strip();
                    return "exit code " + terminated.getExitCode() + ": " + message;
                }
            }
        }
        return status != null && status.getMessage() != null ? status.getMessage() : "no reason given";
    }
}
