package io.stowage.backend;

import java.util.Locale;

/** Whether clients name the bucket in the path ({@code host/bucket/key}) or the host ({@code bucket.host/key}). */
public enum AddressingStyle {
    PATH, VIRTUAL;

    /** {@code path} or {@code virtual}, as COSI and the backend Secret write it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AddressingStyle of(String value) {
        for (AddressingStyle style : values()) {
            if (style.wireName().equalsIgnoreCase(value)) {
                return style;
            }
        }
        throw new IllegalArgumentException("addressing style must be path or virtual, not '" + value + "'");
    }
}
