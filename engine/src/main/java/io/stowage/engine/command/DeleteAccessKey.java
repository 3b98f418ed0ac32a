package io.stowage.engine.command;

/** Deletes an access key and its grants. Deleting a missing key is a no-op. */
public record DeleteAccessKey(String accessKeyId) implements Command<Void> {
}
