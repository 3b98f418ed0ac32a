package io.stowage.server.admin.json;

/** GET /admin/v1/info; {@code users} does not count the built-in root. */
public record InfoJson(String version, String region, String s3Address, String adminAddress, String dataDir, long buckets,
        long users, String startedAt) {
}
