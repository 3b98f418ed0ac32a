package io.stowage.kube.secretclaim;

import io.stowage.kube.provision.SelectedSecretStore;

/**
 * The claim Secret informer's cache, holding only the annotated Secrets (JOSDK makes it from the reconciler's
 * configuration, hence the class). A Secret whose annotation is removed leaves the store; one dropped that changes comes
 * back as a new one, which {@link ClaimSecretFilter} discards.
 */
public final class ClaimSecretStore extends SelectedSecretStore {

    public ClaimSecretStore() {
        super(ClaimAnnotations::enabled);
    }
}
