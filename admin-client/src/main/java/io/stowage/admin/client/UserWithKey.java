package io.stowage.admin.client;

/**
 * The answer to creating a user.
 *
 * @param key the user's first access key with its secret, or {@code null} when the answer carries none
 */
public record UserWithKey(User user, KeyWithSecret key) {
}
