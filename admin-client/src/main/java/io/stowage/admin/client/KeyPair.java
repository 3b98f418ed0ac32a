package io.stowage.admin.client;

import java.util.Objects;

/** An access key id and secret chosen by the caller. {@link #toString()} leaves the secret out. */
public record KeyPair(String accessKeyId, String secretKey) {

    public KeyPair {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    @Override
    public String toString() {
        return "KeyPair[accessKeyId=" + accessKeyId + ", secretKey=***]";
    }
}
