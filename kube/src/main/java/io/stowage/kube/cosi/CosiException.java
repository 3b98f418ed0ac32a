package io.stowage.kube.cosi;

/**
 * A driver call that failed, with the status the COSI spec asks for. The codes mirror gRPC's, so an
 * adapter for any proto version maps them one to one.
 */
public final class CosiException extends Exception {

    /** The gRPC status codes the driver answers with. */
    public enum Code {
        INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, FAILED_PRECONDITION, UNIMPLEMENTED, UNAVAILABLE,
        INTERNAL
    }

    private final Code code;

    public CosiException(Code code, String message) {
        this(code, message, null);
    }

    public CosiException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
