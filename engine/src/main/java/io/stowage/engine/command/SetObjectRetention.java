package io.stowage.engine.command;

import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.RetentionMode;

/**
 * Sets (or with a null mode removes) the retention of a version ({@code versionId} null: the current one). A running
 * retention may be strengthened by anyone allowed the call; weakening a GOVERNANCE one needs {@code bypassGovernance},
 * a COMPLIANCE one cannot be weakened.
 *
 * @param atMillis the instant the change is judged at
 * @throws io.stowage.engine.error.ObjectLockedException when the change weakens a retention it may not
 */
public record SetObjectRetention(String bucket, String key, String versionId, RetentionMode mode, long retainUntilMillis,
        boolean bypassGovernance, long atMillis) implements Command<ObjectVersion> {
}
