package io.stowage.server.admin;

/** The error codes of the admin API, with their HTTP status; the code string is the constant's name. */
enum AdminErrorCode {
    InvalidRequest(400),
    Unauthorized(401),
    Forbidden(403),
    NotFound(404),
    MethodNotAllowed(405),
    Conflict(409),
    InternalError(500),
    Unavailable(503);

    private final int status;

    AdminErrorCode(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }
}
