package io.stowage.engine.command;

/** Removes a prefix quota with its usage counters; removing one that does not exist changes nothing. */
public record DeletePrefixQuota(String bucket, String prefix) implements Command<Void> {
}
