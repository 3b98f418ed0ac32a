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
 * @param rotationGrace how long an S3User's old key keeps working once its Secret holds the new one: a Secret mounted in a
 *     pod is updated by the kubelet only at its next sync (a minute or so), and a request in flight still signs with the
 *     old key
 * @param storeAddresses where the operator connects for an ObjectStore's in-cluster URL (its Service's): that URL itself,
 *     except in tests, which run outside a cluster
 */
public record GitopsSettings(Optional<BackendRef> defaultBackend, Duration resync, Duration rotationGrace,
                             UnaryOperator<URI> storeAddresses) {

    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(5);

    public GitopsSettings {
        Objects.requireNonNull(defaultBackend, "defaultBackend");
        Objects.requireNonNull(storeAddresses, "storeAddresses");
        if (resync.isNegative() || resync.isZero()) {
            throw new IllegalArgumentException("resync must be positive");
        }
        if (rotationGrace.isNegative()) {
            throw new IllegalArgumentException("rotationGrace must not be negative");
        }
    }

    /** Settings of an operator in a cluster, which reaches ObjectStores at their Services. */
    public GitopsSettings(Optional<BackendRef> defaultBackend, Duration resync, Duration rotationGrace) {
        this(defaultBackend, resync, rotationGrace, UnaryOperator.identity());
    }
}
