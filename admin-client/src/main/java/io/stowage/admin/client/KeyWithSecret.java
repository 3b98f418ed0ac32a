package io.stowage.admin.client;

import java.time.Instant;
import java.util.List;

/**
 * An access key with its secret, as the server answers only when creating or rotating a key.
 * {@link #toString()} leaves the secret out.
 */
public record KeyWithSecret(String accessKeyId, String user, KeyStatus status, Instant createdAt, List<KeyGrant> grants,
                            String secretKey) {

    public KeyWithSecret {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    @Override
    public String toString() {
        return "KeyWithSecret[accessKeyId=" + accessKeyId + ", user=" + user + ", status=" + status + ", createdAt="
                + createdAt + ", grants=" + grants + ", secretKey=***]";
    }
}
