package io.stowage.admin.client;

import java.time.Instant;

/**
 * What the server says about itself.
 *
 * @param buckets the number of buckets
 * @param users the number of users
 */
public record Info(String version, String region, String s3Address, String adminAddress, String dataDir, long buckets,
                   long users, Instant startedAt) {
}
