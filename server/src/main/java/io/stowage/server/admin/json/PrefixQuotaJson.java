package io.stowage.server.admin.json;

/** A prefix quota of a bucket with what the prefix holds now. */
public record PrefixQuotaJson(String prefix, QuotaJson quota, UsageJson usage) {
}
