package io.stowage.server.admin.json;

public record UsageJson(long bytes, long objects) {
}
