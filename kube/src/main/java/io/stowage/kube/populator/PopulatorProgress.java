package io.stowage.kube.populator;

import java.util.Optional;

/** The worker's progress as its log says it: the last {@code progress: ...} line {@code stowage populate} printed. */
final class PopulatorProgress {

    private static final String PREFIX = "progress: ";

    private PopulatorProgress() {
    }

    /** The latest progress in these last lines of the pod's log, without the prefix; empty when there is none. */
    static Optional<String> latest(String logTail) {
        if (logTail == null) {
            return Optional.empty();
        }
        String[] lines = logTail.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith(PREFIX) && line.length() > PREFIX.length()) {
                return Optional.of(line.substring(PREFIX.length()));
            }
        }
        return Optional.empty();
    }
}
