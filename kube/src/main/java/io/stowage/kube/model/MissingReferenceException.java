package io.stowage.kube.model;

/**
 * The spec names an object (a Secret) that is not there or not usable. Reported like any invalid spec,
 * but the fix is outside the ObjectStore, so the reconciler checks again after a while.
 */
public final class MissingReferenceException extends InvalidSpecException {

    public MissingReferenceException(String message) {
        super(message);
    }
}
