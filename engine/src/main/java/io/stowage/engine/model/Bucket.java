package io.stowage.engine.model;

/** A bucket as the engine stores it. */
public record Bucket(String name, String region, String owner, long createdAtMillis, Versioning versioning) {
}
