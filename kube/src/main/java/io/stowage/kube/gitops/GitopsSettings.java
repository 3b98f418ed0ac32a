package io.stowage.kube.gitops;

import io.stowage.kube.provision.BackendRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * @param defaultBackend the backend of resources that name none, and the only backend Secret of another namespace they may name
 * @param resync how often a resource is compared with its backend when nothing changes, so that drift is found
 */
public record GitopsSettings(Optional<BackendRef> defaultBackend, Duration resync) {

    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(5);

    public GitopsSettings {
        Objects.requireNonNull(defaultBackend, "defaultBackend");
        if (resync.isNegative() || resync.isZero()) {
            throw new IllegalArgumentException("resync must be positive");
        }
    }
}
