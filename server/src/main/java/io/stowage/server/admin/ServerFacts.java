package io.stowage.server.admin;

import java.time.Instant;

/**
 * What GET /admin/v1/info reports about the running server besides its counts.
 *
 * @param s3Address the S3 listener's HOST:PORT
 * @param adminAddress the admin listener's HOST:PORT
 */
public record ServerFacts(String version, String region, String s3Address, String adminAddress, String dataDir,
        Instant startedAt) {
}
