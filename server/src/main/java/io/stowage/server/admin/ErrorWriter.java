package io.stowage.server.admin;

import io.stowage.server.admin.json.ErrorJson;

/** Renders admin API errors as {@code {"code","message"}}. */
final class ErrorWriter {

    private ErrorWriter() {
    }

    static AdminResponse write(AdminException e) {
        return AdminResponse.json(e.code().status(), new ErrorJson(e.code().name(), e.getMessage()));
    }

    /** An internal error says only where to look: the request id its details are logged under. */
    static AdminResponse internalError(String requestId) {
        return write(new AdminException(AdminErrorCode.InternalError,
                "the server failed to process the request; its log has the details under request id " + requestId));
    }
}
