package io.stowage.backend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** An access key id with its secret. {@link #toString()} leaves the secret out. */
public record AccessKey(String id, String secret) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * A new random key in the shape S3 systems generate: a 20-character id of upper-case letters and
     * digits, and a 40-character secret (238 bits).
     */
    public static AccessKey generate() {
        return new AccessKey(random(ID_CHARS, 20), random(SECRET_CHARS, 40));
    }

    /** A new random key of {@code idPrefix} and {@code idBytes} random bytes in hex, and a secret of {@code secretBytes} in hex. */
    public static AccessKey generateHex(String idPrefix, int idBytes, int secretBytes) {
        return new AccessKey(idPrefix + randomHex(idBytes), randomHex(secretBytes));
    }

    /** Whether {@code other} is this key's secret, compared in constant time. */
    public boolean hasSecret(String other) {
        return other != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                other.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "AccessKey[id=" + id + ", secret=***]";
    }
}
