package io.stowage.engine.model;

import java.util.Objects;

/** Who a grant is for: a user, or one access key. */
public record GrantSubject(Kind kind, String id) {

    public enum Kind {
        USER, KEY
    }

    public GrantSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static GrantSubject user(String name) {
        return new GrantSubject(Kind.USER, name);
    }

    public static GrantSubject key(String accessKeyId) {
        return new GrantSubject(Kind.KEY, accessKeyId);
    }
}
