package io.stowage.admin.client;

import java.time.Instant;
import java.util.List;

/** A user: the owner of buckets and access keys; an admin may use the admin API with its keys. */
public record User(String name, boolean admin, Instant createdAt, List<Key> keys) {

    public User {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
