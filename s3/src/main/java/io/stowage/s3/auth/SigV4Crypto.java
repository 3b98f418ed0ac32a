package io.stowage.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hashing primitives of SigV4. */
final class SigV4Crypto {

    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final HexFormat HEX = HexFormat.of();

    private SigV4Crypto() {
    }

    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        return hmac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    static String sha256Hex(String data) {
        return hex(sha256().digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Whether {@code value} is 64 hex digits. */
    static boolean isHexSha256(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Compares a computed signature with a claimed one in time independent of where they differ. */
    static boolean sameSignature(String expected, String claimed) {
        return claimed != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        claimed.getBytes(StandardCharsets.US_ASCII));
    }
}
