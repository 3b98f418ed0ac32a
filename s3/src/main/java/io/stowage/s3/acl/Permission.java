package io.stowage.s3.acl;

import java.util.Optional;

/** What an ACL grant allows, by S3's names. */
public enum Permission {
    READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL;

    /** Whether a grant of this permission gives {@code wanted}. */
    public boolean gives(Permission wanted) {
        return this == FULL_CONTROL || this == wanted;
    }

    /** The permission with this exact (case-sensitive) name, as S3 requires. */
    public static Optional<Permission> fromName(String name) {
        for (Permission p : values()) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
