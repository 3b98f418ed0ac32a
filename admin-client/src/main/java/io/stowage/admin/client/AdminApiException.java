package io.stowage.admin.client;

/**
 * A failed admin API call: the server's error answer, an answer the client could not read, or no
 * answer at all.
 *
 * <p>{@link #status()} is the HTTP status, or 0 when no answer arrived (the server could not be
 * reached, the call timed out or was interrupted). {@link #code()} is the API's error code
 * ({@code InvalidRequest}, {@code Unauthorized}, {@code Forbidden}, {@code NotFound},
 * {@code Conflict}, {@code InternalError}), or one of this class's codes for failures the server
 * did not describe. Messages never contain the token or secrets.
 */
public final class AdminApiException extends RuntimeException {

    /** No answer arrived: connection refused or reset, name not resolved, TLS failure. */
    public static final String UNREACHABLE = "Unreachable";
    /** The call did not complete within the configured timeout. */
    public static final String TIMEOUT = "Timeout";
    /** The calling thread was interrupted while waiting; its interrupt flag is set again. */
    public static final String INTERRUPTED = "Interrupted";
    /** An answer arrived that is not what the admin API sends. */
    public static final String INVALID_RESPONSE = "InvalidResponse";

    private final int status;
    private final String code;

    public AdminApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public AdminApiException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean isInvalidRequest() {
        return status == 400;
    }

    public boolean isUnauthorized() {
        return status == 401;
    }

    public boolean isForbidden() {
        return status == 403;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isConflict() {
        return status == 409;
    }

    /** Whether no answer arrived (see {@link #status()}). */
    public boolean isTransportFailure() {
        return status == 0;
    }

    /**
     * Whether the same call may succeed later without a change by the caller: no answer, a
     * timeout, or a server-side error.
     */
    public boolean isRetryable() {
        return status == 0 && !INTERRUPTED.equals(code) || status == 429 || status >= 500;
    }

    @Override
    public String toString() {
        return "AdminApiException[" + status + " " + code + "]: " + getMessage();
    }
}
