package io.stowage.server.admin.json;

/** POST /admin/v1/buckets. */
public record CreateBucketRequest(String name, String owner, QuotaJson quota) {
}
