package io.stowage.kube.secretclaim;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.source.filter.GenericFilter;

/** Lets only annotated Secrets reach the reconciler: every other Secret is none of its business. */
public final class ClaimSecretFilter implements GenericFilter<Secret> {

    @Override
    public boolean accept(Secret secret) {
        return ClaimAnnotations.enabled(secret);
    }
}
