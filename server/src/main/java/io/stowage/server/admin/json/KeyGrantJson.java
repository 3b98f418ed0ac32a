package io.stowage.server.admin.json;

/** A grant of a key's own: {@code access} is "read", "write" or "read-write"; prefix "" covers the whole bucket. */
public record KeyGrantJson(String bucket, String prefix, String access) {
}
