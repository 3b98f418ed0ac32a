package io.stowage.server.admin.json;

import java.util.Map;

/** A bucket's tags, key to value. */
public record TagsJson(Map<String, String> tags) {
}
