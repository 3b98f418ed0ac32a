package io.stowage.admin.client;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a grant lets its subject do in a bucket or a key prefix of it. */
public enum Access {
    READ("read"), WRITE("write"), READ_WRITE("read-write");

    private final String wireName;

    Access(String wireName) {
        this.wireName = wireName;
    }

    /** The name the admin API uses: {@code read}, {@code write} or {@code read-write}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The access named {@code read}, {@code write} or {@code read-write}. */
    public static Access of(String wireName) {
        for (Access access : values()) {
            if (access.wireName.equals(wireName)) {
                return access;
            }
        }
        throw new IllegalArgumentException("access must be one of "
                + Arrays.stream(values()).map(Access::wireName).collect(Collectors.joining(", ")) + ", not '" + wireName + "'");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
