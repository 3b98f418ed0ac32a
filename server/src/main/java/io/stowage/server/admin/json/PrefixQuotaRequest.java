package io.stowage.server.admin.json;

/** PUT /admin/v1/buckets/{name}/prefix-quotas: the limits of one prefix; an absent or 0 limit is no limit. */
public record PrefixQuotaRequest(String prefix, Long maxBytes, Long maxObjects) {
}
