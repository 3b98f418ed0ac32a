package io.stowage.kube.secretclaim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The account a Secret's keys belong to: {@code secret.<namespace>.<name>}, derived, never chosen by the
 * Secret. One account per Secret keeps a Secret's key changes (the account loses the keys the Secret no
 * longer lists) from touching another Secret's; a name a Secret could choose would let any namespace
 * that can write a Secret take over another tenant's account and its buckets. A Secret deleted and
 * created again under the same name gets its account back.
 */
final class ClaimAccounts {

    static final String PREFIX = "secret.";
    /** Stowage's longest user name. */
    static final int MAX_LENGTH = 64;
    private static final int HASH_LENGTH = 16;

    private ClaimAccounts() {
    }

    /**
     * The account of Secret {@code namespace/name}. Namespaces hold no dot, so the first dot after the
     * prefix ends the namespace; a name too long for Stowage is cut and ends in a hash of the whole.
     */
    static String of(String namespace, String name) {
        String full = PREFIX + namespace + "." + name;
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        String hash = sha256(namespace + "/" + name).substring(0, HASH_LENGTH);
        return full.substring(0, MAX_LENGTH - HASH_LENGTH - 1) + "." + hash;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
