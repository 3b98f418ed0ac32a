package io.stowage.engine.command;

import io.stowage.engine.model.Grant;

/**
 * Gives a user or key access to a bucket (or a prefix of it). Repeating it is a no-op; a grant
 * for the same subject, bucket and prefix with another access level is a conflict.
 */
public record PutGrant(Grant grant) implements Command<Grant> {
}
