package io.stowage.kube.cosi.operator;

import io.stowage.kube.cosi.CosiException;
import io.stowage.kube.provision.ClaimRefusedException;

/**
 * Why a COSI reconcile could not go on, and what to do about it: the reason is the event's reason and the
 * failure metric's label, a fixed word; the message is for the user and names no secret.
 */
public record CosiFailure(String reason, Handling handling, String message) {

    /** What the reconciler does after reporting the failure. */
    public enum Handling {
        /** A transient failure: JOSDK retries with backoff. */
        RETRY_WITH_BACKOFF,
        /** Something outside the object must change (a Secret, the backend's state): check again later. */
        RECHECK_LATER,
        /** The object itself must change: nothing happens until it does. */
        WAIT_FOR_CHANGE
    }

    public static CosiFailure of(CosiException e) {
        return switch (e.code()) {
            case UNAVAILABLE -> new CosiFailure("BackendUnavailable", Handling.RETRY_WITH_BACKOFF, e.getMessage());
            case INTERNAL -> new CosiFailure("BackendFailed", Handling.RETRY_WITH_BACKOFF, e.getMessage());
            case FAILED_PRECONDITION -> new CosiFailure("PreconditionFailed", Handling.RECHECK_LATER, e.getMessage());
            case PERMISSION_DENIED -> new CosiFailure("BackendDenied", Handling.RECHECK_LATER, e.getMessage());
            case NOT_FOUND -> new CosiFailure("BucketMissing", Handling.RECHECK_LATER, e.getMessage());
            case INVALID_ARGUMENT -> e.getCause() instanceof ClaimRefusedException refused
                    ? new CosiFailure(refused.reason(), Handling.WAIT_FOR_CHANGE, e.getMessage()) : invalid(e.getMessage());
            case ALREADY_EXISTS -> new CosiFailure("NameTaken", Handling.WAIT_FOR_CHANGE, e.getMessage());
            case UNIMPLEMENTED -> new CosiFailure("Unsupported", Handling.WAIT_FOR_CHANGE, e.getMessage());
        };
    }

    /** The object asks for what cannot be done: a parameter, a protocol, an authentication type. */
    public static CosiFailure invalid(String message) {
        return new CosiFailure("InvalidParameters", Handling.WAIT_FOR_CHANGE, message);
    }

    /** The claim's quota annotations cannot be read. */
    public static CosiFailure invalidQuota(String message) {
        return new CosiFailure("InvalidQuota", Handling.WAIT_FOR_CHANGE, message);
    }

    /** An object this one names is missing, and may appear later. */
    public static CosiFailure missing(String reason, String message) {
        return new CosiFailure(reason, Handling.RECHECK_LATER, message);
    }
}
