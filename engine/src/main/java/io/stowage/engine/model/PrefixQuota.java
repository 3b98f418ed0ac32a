package io.stowage.engine.model;

/** The hard limits on the objects under one key prefix of a bucket, with what that prefix holds now. */
public record PrefixQuota(String prefix, Quota quota, Usage usage) {
}
