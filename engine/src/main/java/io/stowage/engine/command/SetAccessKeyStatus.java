package io.stowage.engine.command;

import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.KeyStatus;

/** Enables or disables an access key. */
public record SetAccessKeyStatus(String accessKeyId, KeyStatus status) implements Command<AccessKey> {
}
