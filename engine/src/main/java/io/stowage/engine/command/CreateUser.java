package io.stowage.engine.command;

import io.stowage.engine.model.User;

/** Creates a user; repeating it with the same parameters returns the existing user. */
public record CreateUser(String name, boolean admin, long createdAtMillis) implements Command<User> {
}
