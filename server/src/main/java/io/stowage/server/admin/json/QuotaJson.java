package io.stowage.server.admin.json;

/** A bucket's limits; an absent or 0 limit is no limit. */
public record QuotaJson(Long maxBytes, Long maxObjects) {
}
