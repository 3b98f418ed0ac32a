package io.stowage.csi;

import io.grpc.Status;
import java.util.Objects;

/**
 * A CSI call that fails with a gRPC status the spec names for the case. The message is written for the user
 * (the CO may show it): it names what is wrong, never a secret's value.
 */
public final class CsiException extends Exception {

    private final Status.Code code;

    public CsiException(Status.Code code, String message) {
        this(code, message, null);
    }

    public CsiException(Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        if (code == Status.Code.OK) {
            throw new IllegalArgumentException("a failure needs a code other than OK");
        }
    }

    public static CsiException invalidArgument(String message) {
        return new CsiException(Status.Code.INVALID_ARGUMENT, message);
    }

    public Status.Code code() {
        return code;
    }
}
