package io.stowage.server.admin.json;

public record BucketJson(String name, String owner, String createdAt, String region, QuotaJson quota, UsageJson usage) {
}
