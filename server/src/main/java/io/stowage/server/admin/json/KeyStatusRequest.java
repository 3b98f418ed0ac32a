package io.stowage.server.admin.json;

/** PATCH /admin/v1/keys/{id}: "active" or "disabled". */
public record KeyStatusRequest(String status) {
}
