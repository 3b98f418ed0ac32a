package io.stowage.s3.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No toString() and no error message of a class holding a secret shows the secret. */
class SseSecretRedactionTest {

    @TempDir
    Path data;

    @Test
    void dataKeysAndTheCiphersHoldingThemAreRedacted() {
        byte[] secret = SseTestData.randomBytes(32, 1);
        DataKey key = DataKey.fromBytes(secret.clone());
        BodyCipher cipher = new BodyCipher(key, SegmentLayout.DEFAULT);
        Envelopes.Sealed sealed = new Envelopes.Sealed(Envelope.forMasterKey(1, SegmentLayout.DEFAULT,
                SseTestData.randomBytes(KeyWrap.WRAPPED_LENGTH, 2)), cipher);

        assertThat(key.secret().getEncoded()).isEqualTo(secret);
        assertRedacted(secret, key.toString(), cipher.toString(), sealed.toString());
        assertThat(key.toString()).contains("redacted");
    }

    @Test
    void customerKeysAreRedacted() {
        byte[] secret = SseTestData.randomBytes(32, 3);
        CustomerKey key = CustomerKey.of(secret.clone());

        assertRedacted(secret, key.toString(), new RequestedEncryption.CustomerProvided(key).toString());
        assertThat(key.toString()).contains(key.md5Base64());
    }

    @Test
    void masterKeysTheirStoreAndItsErrorsAreRedacted() throws IOException {
        Path dir = data.resolve("keys");
        MasterKeyStore store = MasterKeyStore.open(dir);
        MasterKey two = store.rotate();
        byte[] one = store.key(1).secret().getEncoded();

        assertRedacted(one, store.key(1).toString(), store.toString());
        assertRedacted(two.secret().getEncoded(), two.toString(), store.toString());

        Path keyFile = dir.resolve("master-00000001.key");
        byte[] content = Files.readAllBytes(keyFile);
        content[content.length - 1] ^= 0x01;
        Files.write(keyFile, content);
        Throwable damaged = catchThrowable(() -> MasterKeyStore.open(dir));
        assertThat(damaged).isInstanceOf(MasterKeyStoreException.class);
        assertRedacted(one, damaged.getMessage(), damaged.toString());
    }

    @Test
    void callersCannotReachTheKeyBytesThroughThePublicApi() {
        for (Class<?> type : new Class<?>[] {MasterKey.class, CustomerKey.class, BodyCipher.class, MasterKeyStore.class}) {
            for (var method : type.getMethods()) {
                assertThat(method.getReturnType().getName()).as("%s.%s", type.getSimpleName(), method.getName())
                        .isNotIn("javax.crypto.SecretKey", "[B", DataKey.class.getName());
            }
        }
    }

    private static void assertRedacted(byte[] secret, String... texts) {
        for (String text : texts) {
            for (String spelling : SseTestData.spellings(secret)) {
                assertThat(text).doesNotContain(spelling);
            }
        }
    }
}
