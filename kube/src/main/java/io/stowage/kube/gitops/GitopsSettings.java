package io.stowage.kube.gitops;

import io.stowage.kube.provision.BackendRef;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * @param defaultBackend the backend of resources that name none, and the only backend Secret of another namespace they may name
 * @param resync how often a resource is compared with its backend when nothing changes, so that drift is found
 * @param storeAddresses where the operator connects for an ObjectStore's in-cluster URL (its Service's): that URL itself,
 *     except in tests, which run outside a cluster
 */
public record GitopsSettings(Optional<BackendRef> defaultBackend, Duration resync, UnaryOperator<URI> storeAddresses) {

    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(5);

    public GitopsSettings {
        Objects.requireNonNull(defaultBackend, "defaultBackend");
        Objects.requireNonNull(storeAddresses, "storeAddresses");
        if (resync.isNegative() || resync.isZero()) {
            throw new IllegalArgumentException("resync must be positive");
        }
    }

    /** Settings of an operator in a cluster, which reaches ObjectStores at their Services. */
    public GitopsSettings(Optional<BackendRef> defaultBackend, Duration resync) {
        this(defaultBackend, resync, UnaryOperator.identity());
    }
}
