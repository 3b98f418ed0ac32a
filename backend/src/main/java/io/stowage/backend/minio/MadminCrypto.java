package io.stowage.backend.minio;

import io.stowage.backend.minio.SioStream.Aead;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The encryption MinIO's admin API puts on sensitive request and response bodies (madmin's {@code EncryptData} and
 * {@code DecryptData}), written from the protocol description, not from madmin-go (AGPL):
 * {@code salt(32) | aead-id(1) | nonce(8) | sio stream}, the key derived from the password (the caller's secret key)
 * and the salt by
 *
 * <ul>
 *   <li>{@code 0x00}: Argon2id (time 1, 64 MiB, 4 lanes, 32 bytes), AES-256-GCM
 *   <li>{@code 0x01}: Argon2id as above, ChaCha20-Poly1305
 *   <li>{@code 0x02}: PBKDF2-HMAC-SHA256 (8192 iterations, 32 bytes), AES-256-GCM (MinIO's FIPS mode)
 * </ul>
 *
 * The sio stream ({@link SioStream}) has no associated data. This side always encrypts with {@code 0x00} (the JDK's
 * AES-GCM is hardware-accelerated where the CPU has AES) and decrypts all three.
 */
public final class MadminCrypto {

    static final byte ARGON2ID_AES_GCM = 0x00;
    static final byte ARGON2ID_CHACHA20_POLY1305 = 0x01;
    static final byte PBKDF2_AES_GCM = 0x02;
    static final int SALT_SIZE = 32;
    private static final int HEADER_SIZE = SALT_SIZE + 1 + SioStream.NONCE_SIZE;
    private static final int KEY_SIZE = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MadminCrypto() {
    }

    /** Encrypts {@code data} for MinIO with the password, under a fresh salt and nonce. */
    public static byte[] encrypt(String password, byte[] data) {
        byte[] salt = new byte[SALT_SIZE];
        byte[] nonce = new byte[SioStream.NONCE_SIZE];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        return encrypt(password, data, ARGON2ID_AES_GCM, salt, nonce);
    }

    /** Encrypts under the given scheme, salt and nonce: for known-answer tests and a fake server's answers. */
    static byte[] encrypt(String password, byte[] data, byte aeadId, byte[] salt, byte[] nonce) {
        if (salt.length != SALT_SIZE) {
            throw new IllegalArgumentException("the salt has " + SALT_SIZE + " bytes");
        }
        byte[] sealed = stream(aeadId, password, salt).seal(nonce, null, data);
        byte[] out = new byte[HEADER_SIZE + sealed.length];
        System.arraycopy(salt, 0, out, 0, SALT_SIZE);
        out[SALT_SIZE] = aeadId;
        System.arraycopy(nonce, 0, out, SALT_SIZE + 1, SioStream.NONCE_SIZE);
        System.arraycopy(sealed, 0, out, HEADER_SIZE, sealed.length);
        return out;
    }

    /**
     * Decrypts what MinIO (or madmin) encrypted with the password.
     *
     * @throws MadminDecryptionException when the data is too short, names an unknown scheme, or is not authentic
     *     (wrong password, altered, truncated)
     */
    public static byte[] decrypt(String password, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new MadminDecryptionException("the encrypted data is shorter than its header (" + data.length + " bytes)");
        }
        byte[] salt = Arrays.copyOfRange(data, 0, SALT_SIZE);
        byte[] nonce = Arrays.copyOfRange(data, SALT_SIZE + 1, HEADER_SIZE);
        return stream(data[SALT_SIZE], password, salt).open(nonce, null, data, HEADER_SIZE);
    }

    private static SioStream stream(byte aeadId, String password, byte[] salt) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        return switch (aeadId) {
            case ARGON2ID_AES_GCM -> new SioStream(Aead.AES_GCM, argon2id(secret, salt), SioStream.BUF_SIZE);
            case ARGON2ID_CHACHA20_POLY1305 -> new SioStream(Aead.CHACHA20_POLY1305, argon2id(secret, salt), SioStream.BUF_SIZE);
            case PBKDF2_AES_GCM -> new SioStream(Aead.AES_GCM, pbkdf2Sha256(secret, salt, 8192, KEY_SIZE), SioStream.BUF_SIZE);
            default -> throw new MadminDecryptionException("unknown encryption scheme 0x" + Integer.toHexString(aeadId & 0xff));
        };
    }

    /** madmin's Argon2id: time 1, 64 MiB, 4 lanes, no secret nor associated data, 32 bytes. */
    static byte[] argon2id(byte[] password, byte[] salt) {
        return argon2id(password, salt, null, null, 1, 64 * 1024, 4, KEY_SIZE);
    }

    static byte[] argon2id(byte[] password, byte[] salt, byte[] secret, byte[] additional, int iterations, int memoryKib,
                           int lanes, int length) {
        Argon2Parameters.Builder params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(iterations)
                .withMemoryAsKB(memoryKib)
                .withParallelism(lanes)
                .withSalt(salt);
        if (secret != null) {
            params.withSecret(secret);
        }
        if (additional != null) {
            params.withAdditional(additional);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    static byte[] pbkdf2Sha256(byte[] password, byte[] salt, int iterations, int length) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password, salt, iterations);
        return ((KeyParameter) generator.generateDerivedParameters(length * 8)).getKey();
    }
}
