package io.stowage.engine.command;

import io.stowage.engine.model.Quota;

/**
 * Sets the hard limits of the objects whose keys start with {@code prefix} (non-empty, ending with '/'). A new prefix
 * quota needs an empty prefix, so that its usage counts from zero; changing the limits of an existing one keeps its
 * usage, and usage above a new limit only blocks growth.
 */
public record SetPrefixQuota(String bucket, String prefix, Quota quota) implements Command<Void> {
}
