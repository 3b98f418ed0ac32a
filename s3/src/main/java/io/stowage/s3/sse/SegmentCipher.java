package io.stowage.s3.sse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the segments of one stored body (a whole object or one part) with AES-256-GCM.
 *
 * <p>The body's key is derived from the data key, the body's random salt and its part number
 * (0 for a single-part object), so every body has a key of its own even when the parts of an
 * upload share one data key and a part number is uploaded twice. That makes the deterministic
 * nonce (the segment index) safe, and a part's bytes cannot stand in for another part. The
 * segment index and a last-segment flag are the AAD: segments cannot be reordered, and a body
 * cut after a segment boundary fails because its new final segment was not sealed as the last.
 */
final class SegmentCipher {

    private static final byte[] KDF_LABEL = "stowage sse v1 body key".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_LENGTH = 12;

    private final SecretKey bodyKey;
    private final Cipher cipher;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final byte[] aad = new byte[9];

    private SegmentCipher(SecretKey bodyKey) {
        this.bodyKey = bodyKey;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static SegmentCipher forBody(DataKey dataKey, byte[] salt, int partNumber) {
        byte[] derived;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(dataKey.secret());
            hmac.update(KDF_LABEL);
            hmac.update(salt);
            hmac.update(new byte[] {(byte) (partNumber >>> 24), (byte) (partNumber >>> 16), (byte) (partNumber >>> 8), (byte) partNumber});
            derived = hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        try {
            return new SegmentCipher(new SecretKeySpec(derived, "AES"));
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** Seals {@code plain[0, length)} into {@code out}; returns the sealed length (length + tag). */
    int seal(long index, boolean last, byte[] plain, int length, byte[] out) {
        try {
            init(Cipher.ENCRYPT_MODE, index, last);
            return cipher.doFinal(plain, 0, length, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens {@code sealed[0, length)} into {@code out}; returns the plaintext length. */
    int open(long index, boolean last, byte[] sealed, int length, byte[] out) throws CiphertextIntegrityException {
        try {
            init(Cipher.DECRYPT_MODE, index, last);
            return cipher.doFinal(sealed, 0, length, out, 0);
        } catch (AEADBadTagException e) {
            throw new CiphertextIntegrityException("segment " + index + " failed authentication", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void init(int mode, long index, boolean last) throws GeneralSecurityException {
        for (int i = 0; i < 8; i++) {
            byte b = (byte) (index >>> (56 - 8 * i));
            nonce[NONCE_LENGTH - 8 + i] = b;
            aad[i] = b;
        }
        aad[8] = (byte) (last ? 1 : 0);
        cipher.init(mode, bodyKey, new GCMParameterSpec(SegmentLayout.TAG_LENGTH * 8, nonce));
        cipher.updateAAD(aad);
    }
}
