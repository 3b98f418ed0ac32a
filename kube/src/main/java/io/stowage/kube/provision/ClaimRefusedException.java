package io.stowage.kube.provision;

import io.stowage.kube.model.InvalidSpecException;

/**
 * A claim that cannot be provisioned as it stands: the user must change it (or what it names, such as
 * its class). Reported as a Warning event with {@link #reason()}, and not retried until it changes.
 */
public final class ClaimRefusedException extends InvalidSpecException {

    private final String reason;

    /** @param reason the event reason and metrics label, a fixed word such as {@code BucketNameTaken} */
    public ClaimRefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
