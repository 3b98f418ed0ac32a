package io.stowage.engine.model;

/**
 * An access key of a user. A key with grants of its own is scoped: it reaches only what those
 * grants give; a key without grants acts with everything its user may do.
 */
public record AccessKey(String accessKeyId, String secretKey, String user, KeyStatus status, long createdAtMillis) {

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", user=" + user + ", " + status + "]";
    }
}
