package io.stowage.admin.client;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an access key authenticates requests. */
public enum KeyStatus {
    ACTIVE("active"), DISABLED("disabled");

    private final String wireName;

    KeyStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
