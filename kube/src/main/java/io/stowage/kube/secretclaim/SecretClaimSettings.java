package io.stowage.kube.secretclaim;

import io.stowage.kube.provision.BackendRef;
import java.util.Objects;
import java.util.Optional;

/**
 * The annotated-Secret provisioner's settings.
 *
 * @param defaultBackend the backend of Secrets without a {@link ClaimAnnotations#BACKEND_SECRET}
 *     annotation; without one, such Secrets are refused with an event saying so
 */
public record SecretClaimSettings(Optional<BackendRef> defaultBackend) {

    public SecretClaimSettings {
        Objects.requireNonNull(defaultBackend, "defaultBackend");
    }
}
