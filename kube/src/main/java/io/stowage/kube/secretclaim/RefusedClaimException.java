package io.stowage.kube.secretclaim;

import io.stowage.kube.model.InvalidSpecException;

/**
 * A claim Stowage will not provision as it stands: the user must change the Secret (or, for a missing
 * default backend, the operator's settings). Reported as a Warning event with {@link #reason()}; not
 * retried until the Secret changes.
 */
public final class RefusedClaimException extends InvalidSpecException {

    private final String reason;

    /** @param reason the event reason and metrics label, a fixed word such as {@code EndpointMismatch} */
    public RefusedClaimException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
