package io.stowage.server.admin;

/**
 * The one exception type for admin API errors: handlers throw it, {@link ErrorWriter} renders it.
 * Its message goes to the client, so it says what to fix and never carries a secret.
 */
final class AdminException extends RuntimeException {

    private final AdminErrorCode code;

    AdminException(AdminErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    AdminErrorCode code() {
        return code;
    }

    static AdminException invalid(String message) {
        return new AdminException(AdminErrorCode.InvalidRequest, message);
    }

    static AdminException notFound(String message) {
        return new AdminException(AdminErrorCode.NotFound, message);
    }

    static AdminException conflict(String message) {
        return new AdminException(AdminErrorCode.Conflict, message);
    }
}
