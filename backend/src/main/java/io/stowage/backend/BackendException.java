package io.stowage.backend;

/** A backend call that failed, with why. Messages never contain tokens or secrets. */
public final class BackendException extends RuntimeException {

    /** Why a call failed; {@link #retryable()} says whether repeating it unchanged can help. */
    public enum Reason {
        /** No answer: the backend is down, unreachable, too slow, or failed internally. */
        UNAVAILABLE(true),
        /** The backend refused the configured credentials or token. */
        UNAUTHORIZED(false),
        /** The request is invalid: a bucket name, quota or key the backend does not accept. */
        INVALID(false),
        /** The name or key is taken by someone else. */
        CONFLICT(false),
        /** The bucket still holds objects. */
        BUCKET_NOT_EMPTY(false),
        /** What the call refers to does not exist (an account to own a bucket, a bucket to grant on). */
        NOT_FOUND(false),
        /** The backend cannot do this at all. */
        UNSUPPORTED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }

        /** What an HTTP error status of a backend's API means. */
        public static Reason ofHttpStatus(int status) {
            return switch (status) {
                case 401, 403 -> UNAUTHORIZED;
                case 404 -> NOT_FOUND;
                case 409 -> CONFLICT;
                default -> status == 429 || status >= 500 ? UNAVAILABLE : INVALID;
            };
        }
    }

    private final Reason reason;

    public BackendException(Reason reason, String message) {
        this(reason, message, null);
    }

    public BackendException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public boolean retryable() {
        return reason.retryable();
    }
}
