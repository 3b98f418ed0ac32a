package io.stowage.s3.sse;

import static io.stowage.s3.sse.SseTestData.encrypt;
import static io.stowage.s3.sse.SseTestData.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SseEnvelopesTest {

    @TempDir
    Path data;

    private MasterKeyStore store;
    private Envelopes envelopes;
    private final byte[] plaintext = randomBytes(200_000, 9);

    @BeforeEach
    void openStore() throws IOException {
        store = MasterKeyStore.open(data.resolve("keys"));
        envelopes = new Envelopes(store);
    }

    @Test
    void anSseS3ObjectIsReadBackThroughItsStoredEnvelope() throws IOException {
        Envelopes.Sealed sealed = envelopes.forMasterKey();
        byte[] stored = encrypt(sealed.cipher(), plaintext, BodyCipher.SINGLE_PART);
        String kept = sealed.envelope().encode();

        BodyCipher cipher = envelopes.open(Envelope.parse(kept), null).orElseThrow();

        assertThat(sealed.envelope().masterKeyId()).isEqualTo(1);
        assertThat(read(cipher, stored)).isEqualTo(plaintext);
    }

    @Test
    void afterRotationOldObjectsStayReadableAndNewOnesUseTheNewKey() throws IOException {
        Envelopes.Sealed before = envelopes.forMasterKey();
        byte[] storedBefore = encrypt(before.cipher(), plaintext, 0);

        store.rotate();
        Envelopes.Sealed after = envelopes.forMasterKey();
        byte[] storedAfter = encrypt(after.cipher(), plaintext, 0);

        assertThat(before.envelope().masterKeyId()).isEqualTo(1);
        assertThat(after.envelope().masterKeyId()).isEqualTo(2);
        Envelopes reopened = new Envelopes(MasterKeyStore.open(data.resolve("keys")));
        assertThat(read(reopened.open(before.envelope(), null).orElseThrow(), storedBefore)).isEqualTo(plaintext);
        assertThat(read(reopened.open(after.envelope(), null).orElseThrow(), storedAfter)).isEqualTo(plaintext);
    }

    @Test
    void anEnvelopeNamingAnotherMasterKeyDoesNotOpen() throws IOException {
        Envelopes.Sealed sealed = envelopes.forMasterKey();
        store.rotate();
        byte[] bytes = sealed.envelope().toBytes();
        ByteBuffer.wrap(bytes).putInt(6, 2);

        assertThatThrownBy(() -> envelopes.open(Envelope.fromBytes(bytes), null)).isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void anEnvelopeWithAChangedSegmentSizeDoesNotOpen() throws IOException {
        byte[] bytes = envelopes.forMasterKey().envelope().toBytes();
        ByteBuffer.wrap(bytes).putInt(2, 4096);

        assertThatThrownBy(() -> envelopes.open(Envelope.fromBytes(bytes), null)).isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void anEnvelopeFromAnotherStoreNamesAMissingKey() throws IOException {
        MasterKeyStore other = MasterKeyStore.open(data.resolve("other"));
        other.rotate();
        other.rotate();
        Envelope foreign = new Envelopes(other).forMasterKey().envelope();

        assertThatThrownBy(() -> envelopes.open(foreign, null)).isInstanceOf(MasterKeyStoreException.class)
                .hasMessageContaining("master key 3");
    }

    @Test
    void anSseCObjectOpensWithItsKeyOnlyAndKeepsOnlyTheKeysMd5() throws IOException {
        byte[] keyBytes = randomBytes(32, 10);
        CustomerKey key = CustomerKey.of(keyBytes.clone());
        Envelopes.Sealed sealed = envelopes.forCustomerKey(key);
        byte[] stored = encrypt(sealed.cipher(), plaintext, 0);
        Envelope kept = Envelope.parse(sealed.envelope().encode());

        assertThat(kept.customerKeyMd5Base64()).isEqualTo(key.md5Base64());
        for (String spelling : SseTestData.spellings(keyBytes)) {
            assertThat(kept.encode()).doesNotContain(spelling);
        }
        assertThat(read(envelopes.open(kept, CustomerKey.of(keyBytes.clone())).orElseThrow(), stored)).isEqualTo(plaintext);
    }

    @Test
    void anSseCObjectWithAnotherKeyIsAccessDenied() throws IOException {
        Envelope kept = envelopes.forCustomerKey(CustomerKey.of(randomBytes(32, 10))).envelope();

        assertS3Error(() -> envelopes.open(kept, CustomerKey.of(randomBytes(32, 11))), S3ErrorCode.AccessDenied, 403,
                "Access Denied");
    }

    @Test
    void anSseCObjectWithoutAKeyIsAnInvalidRequest() throws IOException {
        Envelope kept = envelopes.forCustomerKey(CustomerKey.of(randomBytes(32, 10))).envelope();

        assertS3Error(() -> envelopes.open(kept, null), S3ErrorCode.InvalidRequest, 400,
                "The object was stored using a form of Server Side Encryption. "
                        + "The correct parameters must be provided to retrieve the object.");
    }

    @Test
    void aKeyForAnObjectThatIsNotSseCIsAnInvalidRequest() {
        Envelope sseS3 = envelopes.forMasterKey().envelope();
        CustomerKey key = CustomerKey.of(randomBytes(32, 10));
        String message = "The encryption parameters are not applicable to this object.";

        assertS3Error(() -> envelopes.open(sseS3, key), S3ErrorCode.InvalidRequest, 400, message);
        assertS3Error(() -> envelopes.open(null, key), S3ErrorCode.InvalidRequest, 400, message);
    }

    @Test
    void aPlainObjectReadWithoutAKeyNeedsNoCipher() throws IOException {
        assertThat(envelopes.open(null, null)).isEqualTo(Optional.empty());
    }

    @Test
    void aCorruptedWrappedKeyDoesNotOpen() throws IOException {
        byte[] bytes = envelopes.forMasterKey().envelope().toBytes();
        bytes[bytes.length - 1] ^= 0x01;

        assertThatThrownBy(() -> envelopes.open(Envelope.fromBytes(bytes), null)).isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void eachObjectGetsItsOwnDataKey() throws IOException {
        Envelopes.Sealed one = envelopes.forMasterKey();
        Envelopes.Sealed two = envelopes.forMasterKey();
        byte[] stored = encrypt(one.cipher(), plaintext, 0);

        assertThat(one.envelope()).isNotEqualTo(two.envelope());
        assertThatThrownBy(() -> read(two.cipher(), stored)).isInstanceOf(CiphertextIntegrityException.class);
    }

    private byte[] read(BodyCipher cipher, byte[] stored) throws IOException {
        return cipher.decrypt(CiphertextSource.of(stored), 0, plaintext.length, 0, plaintext.length).readAllBytes();
    }

    private static void assertS3Error(ThrowingCallable call, S3ErrorCode code, int status,
            String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.code().status()).isEqualTo(status);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
