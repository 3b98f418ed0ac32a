package io.stowage.backend;

/**
 * A bucket as the backend has it.
 *
 * @param owner the owning account
 * @param created whether the call that answered this created the bucket
 */
public record BucketState(String name, String owner, BucketQuota quota, boolean created) {
}
