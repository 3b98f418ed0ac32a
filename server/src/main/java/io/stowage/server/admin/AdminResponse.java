package io.stowage.server.admin;

/**
 * What to answer: a status and, unless it is 204, a body of the given content type.
 *
 * @param body the bytes to send; empty for no body
 */
record AdminResponse(int status, String contentType, byte[] body) {

    static final String JSON = "application/json";

    static AdminResponse json(int status, Object value) {
        return new AdminResponse(status, JSON, AdminJson.write(value));
    }

    /** 201 when the request created the resource, 200 when it existed as asked. */
    static AdminResponse created(boolean created, Object value) {
        return json(created ? 201 : 200, value);
    }

    static AdminResponse noContent() {
        return new AdminResponse(204, null, new byte[0]);
    }
}
