package io.stowage.engine.command;

/** Deletes a user with its keys and grants; fails while the user owns buckets. Deleting a missing user is a no-op. */
public record DeleteUser(String name) implements Command<Void> {
}
