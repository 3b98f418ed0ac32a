package io.stowage.csi.node;

import java.util.Objects;

/** A stage, publish or their undo that failed; the reason tells the node service which gRPC code to answer. */
public final class MountException extends RuntimeException {

    /** Why a call failed. */
    public enum Reason {
        /** Bad arguments or an unknown mounter: INVALID_ARGUMENT. */
        INVALID,
        /** A publish from a staging path that holds no mount of the volume: FAILED_PRECONDITION. */
        NOT_STAGED,
        /** A path already staged or published with other parameters or for another volume: ALREADY_EXISTS. */
        CONFLICT,
        /** The mount daemon cannot be reached: UNAVAILABLE. */
        UNAVAILABLE,
        /** The mounter or a mount command failed; the message carries its output: INTERNAL. */
        FAILED
    }

    private final Reason reason;

    public MountException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public MountException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
