package io.stowage.admin.client;

/** The hard limits on the objects under one key prefix of a bucket, with what the prefix holds now. */
public record PrefixQuota(String prefix, Quota quota, Usage usage) {

    public PrefixQuota {
        quota = quota == null ? Quota.NONE : quota;
        usage = usage == null ? new Usage(0, 0) : usage;
    }
}
