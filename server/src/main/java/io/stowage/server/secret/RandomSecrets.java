package io.stowage.server.secret;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Generated credentials: access key ids, secret keys and tokens, all from one {@link SecureRandom}. */
public final class RandomSecrets {

    private static final String ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecrets() {
    }

    /** 20 upper-case letters and digits, as AWS access key ids look. */
    public static String accessKeyId() {
        return randomString(ACCESS_KEY_ALPHABET, 20);
    }

    /** 40 letters and digits. */
    public static String secretKey() {
        return randomString(SECRET_ALPHABET, 40);
    }

    /** {@code bytes} random bytes as lower-case hex. */
    public static String hexToken(int bytes) {
        byte[] token = new byte[bytes];
        RANDOM.nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    private static String randomString(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
