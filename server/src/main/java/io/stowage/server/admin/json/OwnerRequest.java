package io.stowage.server.admin.json;

/** PUT /admin/v1/buckets/{name}/owner. */
public record OwnerRequest(String owner) {
}
