package io.stowage.backend.minio;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secure-io/sio-go (v0.3.1) stream format, written from its specification: the plaintext is cut into fragments of
 * {@code bufSize} bytes, each sealed with the AEAD under the nonce {@code prefix(8) ‖ sequence number (4, little-endian)}.
 * Sequence number 0 seals an empty plaintext with the caller's associated data; its 16-byte tag, prefixed with 0x00,
 * is the associated data of every fragment but the last, which is prefixed with 0x80 instead (so dropping the end of a
 * stream is detected). Data fragments count from 1. The last fragment holds 1 to {@code bufSize} bytes, or none when
 * the plaintext is empty.
 */
final class SioStream {

    /** sio-go's {@code BufSize}, which madmin uses. */
    static final int BUF_SIZE = 16 * 1024;
    static final int NONCE_SIZE = 8;
    private static final int TAG_SIZE = 16;

    /** The two AEADs of madmin, with the JDK's names. */
    enum Aead {
        AES_GCM("AES/GCM/NoPadding", "AES"),
        CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20");

        private final String transformation;
        private final String keyAlgorithm;

        Aead(String transformation, String keyAlgorithm) {
            this.transformation = transformation;
            this.keyAlgorithm = keyAlgorithm;
        }
    }

    private final Aead aead;
    private final SecretKeySpec key;
    private final int bufSize;

    SioStream(Aead aead, byte[] key, int bufSize) {
        if (bufSize < 1) {
            throw new IllegalArgumentException("bufSize must be positive");
        }
        this.aead = aead;
        this.key = new SecretKeySpec(key, aead.keyAlgorithm);
        this.bufSize = bufSize;
    }

    byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        checkNonce(nonce);
        byte[] fragmentAd = fragmentAssociatedData(nonce, associatedData);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + (plaintext.length / bufSize + 1) * TAG_SIZE);
        int sequence = 1;
        int offset = 0;
        while (plaintext.length - offset > bufSize) {
            out.writeBytes(seal(nonce, sequence++, fragmentAd, plaintext, offset, bufSize));
            offset += bufSize;
        }
        fragmentAd[0] = (byte) 0x80;
        out.writeBytes(seal(nonce, sequence, fragmentAd, plaintext, offset, plaintext.length - offset));
        return out.toByteArray();
    }

    /** @throws MadminDecryptionException when a fragment is not authentic or the stream is cut short */
    byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertext, int from) {
        checkNonce(nonce);
        byte[] fragmentAd = fragmentAssociatedData(nonce, associatedData);
        int fragment = bufSize + TAG_SIZE;
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, ciphertext.length - from));
        int sequence = 1;
        int offset = from;
        while (ciphertext.length - offset > fragment) {
            out.writeBytes(open(nonce, sequence++, fragmentAd, ciphertext, offset, fragment));
            offset += fragment;
        }
        if (ciphertext.length - offset < TAG_SIZE) {
            throw new MadminDecryptionException("the encrypted stream ends inside a fragment");
        }
        fragmentAd[0] = (byte) 0x80;
        out.writeBytes(open(nonce, sequence, fragmentAd, ciphertext, offset, ciphertext.length - offset));
        return out.toByteArray();
    }

    private byte[] open(byte[] nonce, int sequence, byte[] ad, byte[] data, int offset, int length) {
        try {
            return crypt(Cipher.DECRYPT_MODE, nonce, sequence, ad, data, offset, length);
        } catch (AEADBadTagException e) {
            throw new MadminDecryptionException("fragment " + sequence + " of the encrypted stream is not authentic", e);
        }
    }

    private byte[] seal(byte[] nonce, int sequence, byte[] ad, byte[] data, int offset, int length) {
        try {
            return crypt(Cipher.ENCRYPT_MODE, nonce, sequence, ad, data, offset, length);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("sealing never checks a tag", e);
        }
    }

    private byte[] fragmentAssociatedData(byte[] nonce, byte[] associatedData) {
        byte[] tag = seal(nonce, 0, associatedData, new byte[0], 0, 0);
        byte[] ad = new byte[1 + TAG_SIZE];
        System.arraycopy(tag, 0, ad, 1, TAG_SIZE);
        return ad;
    }

    private byte[] crypt(int mode, byte[] prefix, int sequence, byte[] ad, byte[] data, int offset, int length)
            throws AEADBadTagException {
        byte[] nonce = Arrays.copyOf(prefix, NONCE_SIZE + 4);
        nonce[8] = (byte) sequence;
        nonce[9] = (byte) (sequence >>> 8);
        nonce[10] = (byte) (sequence >>> 16);
        nonce[11] = (byte) (sequence >>> 24);
        AlgorithmParameterSpec spec = aead == Aead.AES_GCM ? new GCMParameterSpec(TAG_SIZE * 8, nonce) : new IvParameterSpec(nonce);
        try {
            Cipher cipher = Cipher.getInstance(aead.transformation);
            cipher.init(mode, key, spec);
            if (ad != null && ad.length > 0) {
                cipher.updateAAD(ad);
            }
            return cipher.doFinal(data, offset, length);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run " + aead.transformation, e);
        }
    }

    private static void checkNonce(byte[] nonce) {
        if (nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("the sio nonce has " + NONCE_SIZE + " bytes, not " + nonce.length);
        }
    }
}
