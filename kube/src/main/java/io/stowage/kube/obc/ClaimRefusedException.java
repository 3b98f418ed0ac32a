package io.stowage.kube.obc;

import io.stowage.kube.model.InvalidSpecException;

/**
 * A claim that cannot be provisioned as it and its StorageClass stand: the user must change one of them.
 * The reason is the event's reason and the failure metric's label.
 */
public final class ClaimRefusedException extends InvalidSpecException {

    private final String reason;

    public ClaimRefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
