package io.stowage.backend.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.backend.minio.SioStream.Aead;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Known answers for madmin's body encryption: the key derivations, the sio framing, and what must not decrypt. */
class MadminCryptoTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String PASSWORD = "minio-admin-secret-0123456789";
    private static final byte[] SALT = filled(32, 0x5a);
    private static final byte[] NONCE = HEX.parseHex("0102030405060708");

    @Test
    void argon2idReproducesRfc9106Section5_3() {
        byte[] tag = MadminCrypto.argon2id(filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04), 3, 32, 4, 32);

        assertThat(HEX.formatHex(tag)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void pbkdf2Sha256ReproducesRfc7914Section11() {
        byte[] key = MadminCrypto.pbkdf2Sha256(bytes("passwd"), bytes("salt"), 1, 64);

        assertThat(HEX.formatHex(key)).isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    }

    /**
     * secure-io/sio-go's published test vectors (test_vectors.json at commit 143726ad, AES-128-GCM entries): the framing
     * with another key size and buffer size, from the library's own author.
     */
    @ParameterizedTest
    @CsvSource({
        "16, 00000000000000000000000000000000, 0000000000000000, '', '', e0247a864e783cecb1f7996c13cd3f64",
        "16, 10000000000000000000000000000000, 1000000000000000, 00, 00, 61ed193d12a2adf6f1c41f31de4ead6c5c",
        "16, 10000000000000000000000000000000, 0000000000000002, '', 0000000000000000000000000000000000,"
                + " 691deb7b9ccbee91f48d12c7ad5fe3cd4e1e5e7d394f06b91228ec9a5dd2456ac7de9502a0b4010fb1ee1db94e940458fb",
        "16, 000102030405060708090a0b0c0d0e0f, 0001020304050607, 0102030405060708090a0b0c0d0e0f10,"
                + " 0000000000000000000000000000000000000000000000000000000000000000,"
                + " beffe57efbdadb693b5545d58454ba746c5362c6f37b65da457d85bfe6af8972cfea267b03f14aedf25e7501e88c0d79"
                + "f5440d0ac49e5c4fdaab4dfac9aec4d3",
        "17, 31dd758d120fd5d30063921a21f723be, d3794fe387018e32,"
                + " 1d838b6e861ea7576de110e08818de82a27337a99db7b95aa95c3347971ad4cfa0ef0960d6645f5a64f88c7d,"
                + " d0ae0d85e93ed6be853ded2031643116a03215b4fda224d2986d7233039aa47e91b686f4,"
                + " a6fe911b94e0b25a25bf6da71f28ad6a6b6920be01589e9194226f77c164606545d5cbdb76c99415b468c54517f5a8bc"
                + "8dc8ac13b1b4285fe36f37f7884d5e4bfb32ecef56b4026bf02bfb1d4fce222e01ef9db9"
    })
    void sioMatchesItsPublishedVectors(int bufSize, String key, String nonce, String ad, String plaintext, String ciphertext) {
        SioStream stream = new SioStream(Aead.AES_GCM, HEX.parseHex(key), bufSize);
        byte[] sealed = stream.seal(HEX.parseHex(nonce), HEX.parseHex(ad), HEX.parseHex(plaintext));

        assertThat(HEX.formatHex(sealed)).isEqualTo(ciphertext);
        assertThat(stream.open(HEX.parseHex(nonce), HEX.parseHex(ad), sealed, 0)).isEqualTo(HEX.parseHex(plaintext));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16384, 16385, 40000})
    void encryptionIsTheFramingOfTheSpecificationByteForByte(int size) throws Exception {
        byte[] plaintext = pattern(size);

        byte[] encrypted = MadminCrypto.encrypt(PASSWORD, plaintext, MadminCrypto.ARGON2ID_AES_GCM, SALT, NONCE);

        assertThat(encrypted).isEqualTo(byHand(plaintext));
        assertThat(MadminCrypto.decrypt(PASSWORD, encrypted)).isEqualTo(plaintext);
    }

    @ParameterizedTest
    @ValueSource(bytes = {MadminCrypto.ARGON2ID_AES_GCM, MadminCrypto.ARGON2ID_CHACHA20_POLY1305, MadminCrypto.PBKDF2_AES_GCM})
    void everySchemeDecryptsWhatItEncrypted(byte scheme) {
        byte[] plaintext = pattern(20000);

        byte[] encrypted = MadminCrypto.encrypt(PASSWORD, plaintext, scheme, SALT, NONCE);

        assertThat(encrypted[32]).isEqualTo(scheme);
        assertThat(MadminCrypto.decrypt(PASSWORD, encrypted)).isEqualTo(plaintext);
        assertThatThrownBy(() -> MadminCrypto.decrypt("another-password", encrypted)).isInstanceOf(MadminDecryptionException.class);
    }

    @Test
    void theSchemesDifferInTheirCiphertext() {
        byte[] plaintext = bytes("{\"secretKey\":\"s\",\"status\":\"enabled\"}");
        byte[] aes = MadminCrypto.encrypt(PASSWORD, plaintext, MadminCrypto.ARGON2ID_AES_GCM, SALT, NONCE);
        byte[] chacha = MadminCrypto.encrypt(PASSWORD, plaintext, MadminCrypto.ARGON2ID_CHACHA20_POLY1305, SALT, NONCE);
        byte[] pbkdf2 = MadminCrypto.encrypt(PASSWORD, plaintext, MadminCrypto.PBKDF2_AES_GCM, SALT, NONCE);

        assertThat(Arrays.copyOfRange(aes, 41, aes.length)).isNotEqualTo(Arrays.copyOfRange(chacha, 41, chacha.length))
                .isNotEqualTo(Arrays.copyOfRange(pbkdf2, 41, pbkdf2.length));
    }

    @Test
    void aFreshEncryptionUsesAFreshSaltAndNonceAndTheDefaultScheme() {
        byte[] first = MadminCrypto.encrypt(PASSWORD, bytes("x"));
        byte[] second = MadminCrypto.encrypt(PASSWORD, bytes("x"));

        assertThat(Arrays.copyOf(first, 41)).isNotEqualTo(Arrays.copyOf(second, 41));
        assertThat(first[32]).isEqualTo(MadminCrypto.ARGON2ID_AES_GCM);
        assertThat(MadminCrypto.decrypt(PASSWORD, second)).isEqualTo(bytes("x"));
    }

    @Test
    void changingAnyByteFailsDecryption() {
        byte[] encrypted = MadminCrypto.encrypt(PASSWORD, pattern(100), MadminCrypto.PBKDF2_AES_GCM, SALT, NONCE);
        // every byte: the salt (another key), the nonce, the ciphertext and the tag; the scheme byte is checked below
        for (int i = 0; i < encrypted.length; i++) {
            if (i == 32) {
                continue;
            }
            byte[] altered = encrypted.clone();
            altered[i] ^= 0x01;
            assertThatThrownBy(() -> MadminCrypto.decrypt(PASSWORD, altered)).as("byte %d", i)
                    .isInstanceOf(MadminDecryptionException.class);
        }
        byte[] otherScheme = encrypted.clone();
        otherScheme[32] = MadminCrypto.ARGON2ID_AES_GCM;
        assertThatThrownBy(() -> MadminCrypto.decrypt(PASSWORD, otherScheme)).isInstanceOf(MadminDecryptionException.class);
        otherScheme[32] = 0x07;
        assertThatThrownBy(() -> MadminCrypto.decrypt(PASSWORD, otherScheme)).isInstanceOf(MadminDecryptionException.class)
                .hasMessageContaining("unknown encryption scheme");
    }

    @Test
    void truncatingOrDroppingTheFinalFragmentFailsDecryption() {
        byte[] encrypted = MadminCrypto.encrypt(PASSWORD, pattern(40000), MadminCrypto.PBKDF2_AES_GCM, SALT, NONCE);
        int fragment = 16384 + 16;

        byte[] cutInsideAFragment = Arrays.copyOf(encrypted, encrypted.length - 5);
        byte[] finalDropped = Arrays.copyOf(encrypted, 41 + 2 * fragment);
        byte[] lastTwoDropped = Arrays.copyOf(encrypted, 41 + fragment);
        byte[] headerOnly = Arrays.copyOf(encrypted, 41);
        byte[] tooShort = Arrays.copyOf(encrypted, 20);

        for (byte[] cut : new byte[][] {cutInsideAFragment, finalDropped, lastTwoDropped, headerOnly, tooShort}) {
            assertThatThrownBy(() -> MadminCrypto.decrypt(PASSWORD, cut)).as("%d bytes", cut.length)
                    .isInstanceOf(MadminDecryptionException.class);
        }
    }

    /**
     * The specification's steps with the JDK's AES-GCM, independent of {@link SioStream}: key = Argon2id(password, salt);
     * tag = Seal(nonce ‖ LE32(0), empty, no AD); fragment i (from 1) = Seal(nonce ‖ LE32(i), 16 KiB, 0x00 ‖ tag), the
     * last one with 0x80 ‖ tag and the 1 to 16384 remaining bytes (none for an empty plaintext).
     */
    private static byte[] byHand(byte[] plaintext) throws Exception {
        byte[] key = MadminCrypto.argon2id(bytes(PASSWORD), SALT);
        byte[] tag = gcm(key, 0, new byte[0], new byte[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SALT);
        out.write(0x00);
        out.writeBytes(NONCE);
        int fragments = Math.max(1, (plaintext.length + 16383) / 16384);
        for (int i = 1; i <= fragments; i++) {
            byte[] ad = new byte[17];
            ad[0] = (byte) (i == fragments ? 0x80 : 0x00);
            System.arraycopy(tag, 0, ad, 1, 16);
            byte[] chunk = Arrays.copyOfRange(plaintext, (i - 1) * 16384, Math.min(plaintext.length, i * 16384));
            out.writeBytes(gcm(key, i, chunk, ad));
        }
        return out.toByteArray();
    }

    private static byte[] gcm(byte[] key, int sequence, byte[] data, byte[] ad) throws Exception {
        byte[] nonce = Arrays.copyOf(NONCE, 12);
        nonce[8] = (byte) sequence;
        nonce[9] = (byte) (sequence >> 8);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        if (ad.length > 0) {
            cipher.updateAAD(ad);
        }
        return cipher.doFinal(data);
    }

    private static byte[] pattern(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return data;
    }

    private static byte[] filled(int size, int value) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) value);
        return data;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
