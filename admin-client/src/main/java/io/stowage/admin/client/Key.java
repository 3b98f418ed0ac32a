package io.stowage.admin.client;

import java.time.Instant;
import java.util.List;

/**
 * An access key as listings show it, without its secret.
 *
 * @param grants what the key is limited to; empty for a key that acts with all its user's rights
 */
public record Key(String accessKeyId, String user, KeyStatus status, Instant createdAt, List<KeyGrant> grants) {

    public Key {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }
}
