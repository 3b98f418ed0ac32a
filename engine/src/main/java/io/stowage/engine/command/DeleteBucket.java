package io.stowage.engine.command;

/** Deletes an empty bucket (no versions, no delete markers). */
public record DeleteBucket(String name) implements Command<Void> {
}
