package io.stowage.engine.model;

/** Whether an access key authenticates requests. */
public enum KeyStatus {
    ACTIVE, DISABLED
}
