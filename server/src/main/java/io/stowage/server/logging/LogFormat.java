package io.stowage.server.logging;

import java.util.Locale;

/** How log lines are written: for people (text) or for a log pipeline (one JSON object per line). */
public enum LogFormat {
    TEXT,
    JSON;

    /** Reads "text" or "json", naming the setting when the value is neither. */
    public static LogFormat parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("--log-format must be text or json, was '" + value + "'");
        };
    }
}
