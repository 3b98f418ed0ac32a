package io.stowage.s3.sse;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** Wraps a data key with AES-256-GCM under a master or customer key: random nonce, then ciphertext and tag. */
final class KeyWrap {

    private static final int NONCE_LENGTH = 12;
    static final int WRAPPED_LENGTH = NONCE_LENGTH + DataKey.LENGTH + SegmentLayout.TAG_LENGTH;

    private KeyWrap() {
    }

    static byte[] wrap(SecretKey wrappingKey, byte[] associatedData, DataKey dataKey, SecureRandom random) {
        byte[] wrapped = new byte[WRAPPED_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, wrapped, 0, NONCE_LENGTH);
        byte[] plain = dataKey.secret().getEncoded();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, wrappingKey, new GCMParameterSpec(SegmentLayout.TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            cipher.doFinal(plain, 0, plain.length, wrapped, NONCE_LENGTH);
            return wrapped;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The data key, or null when {@code wrapped} does not authenticate under this key and associated data. */
    static DataKey unwrap(SecretKey wrappingKey, byte[] associatedData, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, wrappingKey, new GCMParameterSpec(SegmentLayout.TAG_LENGTH * 8, wrapped, 0, NONCE_LENGTH));
            cipher.updateAAD(associatedData);
            return DataKey.fromBytes(cipher.doFinal(wrapped, NONCE_LENGTH, wrapped.length - NONCE_LENGTH));
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
