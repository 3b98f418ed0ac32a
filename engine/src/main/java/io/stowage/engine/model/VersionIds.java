package io.stowage.engine.model;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fresh version ids: 128 random bits, URL-safe (they travel in query strings), never "null". Callers put them in
 * commands so every replica applies the same id.
 */
public final class VersionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private VersionIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
