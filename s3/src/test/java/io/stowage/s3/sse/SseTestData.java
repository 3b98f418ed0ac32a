package io.stowage.s3.sse;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/** Plaintexts, ciphers and secret spellings shared by the sse tests. */
final class SseTestData {

    private SseTestData() {
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static BodyCipher newCipher(SegmentLayout layout) {
        return new BodyCipher(DataKey.generate(new SecureRandom()), layout);
    }

    static byte[] encrypt(BodyCipher cipher, byte[] plaintext, int partNumber) throws IOException {
        try (InputStream in = cipher.encrypt(new ByteArrayInputStream(plaintext), partNumber)) {
            return in.readAllBytes();
        }
    }

    static byte[] decrypt(BodyCipher cipher, byte[] stored, int partNumber, long plaintextLength, long first, long length)
            throws IOException {
        try (InputStream in = cipher.decrypt(CiphertextSource.of(stored), partNumber, plaintextLength, first, length)) {
            return in.readAllBytes();
        }
    }

    /** A plaintext stream that hands out at most {@code max} bytes per read, as a network body does. */
    static InputStream trickling(byte[] bytes, int max) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    /** The ways a secret could be spelled in a string: base64, base64url, hex, Arrays.toString. */
    static List<String> spellings(byte[] secret) {
        return List.of(Base64.getEncoder().encodeToString(secret), Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                HexFormat.of().formatHex(secret), HexFormat.of().withUpperCase().formatHex(secret),
                Arrays.toString(secret), new String(secret, StandardCharsets.ISO_8859_1));
    }
}
