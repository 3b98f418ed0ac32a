package io.stowage.s3.sse;

import static io.stowage.s3.sse.SseTestData.encrypt;
import static io.stowage.s3.sse.SseTestData.newCipher;
import static io.stowage.s3.sse.SseTestData.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stored body that was changed in any way yields a typed failure, and never a byte of a changed segment. */
class SseTamperingTest {

    private static final int S = 1024;
    private static final SegmentLayout LAYOUT = new SegmentLayout(S);
    private static final int SIZE = 5 * S + 300; // five full segments and a short sixth

    private BodyCipher cipher;
    private byte[] plaintext;
    private byte[] stored;

    @BeforeEach
    void encryptABody() throws IOException {
        cipher = newCipher(LAYOUT);
        plaintext = randomBytes(SIZE, 42);
        stored = encrypt(cipher, plaintext, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 32, 32 + 500, 32 + S + 15, 32 + 2 * (S + 16) + 7, -17, -1})
    void flippingOneByteAnywhereFailsAndReleasesOnlyTheSegmentsBeforeIt(int at) throws IOException {
        int position = at < 0 ? stored.length + at : at;
        byte[] tampered = stored.clone();
        tampered[position] ^= 0x01;
        long firstBadSegment = position < SegmentLayout.SALT_LENGTH ? 0 : (position - SegmentLayout.SALT_LENGTH) / (S + 16);

        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThatThrownBy(() -> readUntilFailure(read(tampered, SIZE, 0, SIZE), released))
                .isInstanceOf(CiphertextIntegrityException.class);

        assertThat(released.toByteArray()).isEqualTo(Arrays.copyOf(plaintext, (int) (firstBadSegment * S)));
    }

    @Test
    void aRangeWithinATamperedSegmentYieldsNoByte() {
        byte[] tampered = stored.clone();
        tampered[(int) LAYOUT.ciphertextOffset(3) + 100] ^= (byte) 0x80;

        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThatThrownBy(() -> readUntilFailure(read(tampered, SIZE, 3 * S + 10, 1), released))
                .isInstanceOf(CiphertextIntegrityException.class);
        assertThat(released.size()).isZero();
    }

    @Test
    void swappingTwoSegmentsFails() {
        byte[] swapped = stored.clone();
        int one = (int) LAYOUT.ciphertextOffset(1);
        int two = (int) LAYOUT.ciphertextOffset(2);
        System.arraycopy(stored, one, swapped, two, S + 16);
        System.arraycopy(stored, two, swapped, one, S + 16);

        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThatThrownBy(() -> readUntilFailure(read(swapped, SIZE, 0, SIZE), released))
                .isInstanceOf(CiphertextIntegrityException.class);
        assertThat(released.toByteArray()).isEqualTo(Arrays.copyOf(plaintext, S));
    }

    @Test
    void droppingTheLastSegmentFails() {
        byte[] dropped = Arrays.copyOf(stored, (int) LAYOUT.ciphertextOffset(5));

        assertThatThrownBy(() -> read(dropped, SIZE, 0, SIZE).readAllBytes()).isInstanceOf(CiphertextIntegrityException.class);
        assertThatThrownBy(() -> read(dropped, SIZE, SIZE - 1, 1).readAllBytes()).isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void droppingTheLastSegmentAndClaimingTheShorterLengthFailsOnTheLastSegmentFlag() throws IOException {
        byte[] dropped = Arrays.copyOf(stored, (int) LAYOUT.ciphertextOffset(5));
        long claimed = LAYOUT.plaintextLength(dropped.length);
        assertThat(claimed).isEqualTo(5 * S);

        // segments 0..3 are intact and not last; segment 4 was sealed as a middle segment
        assertThatThrownBy(() -> read(dropped, claimed, 4 * S, 1).readAllBytes())
                .isInstanceOf(CiphertextIntegrityException.class);
        assertThatThrownBy(() -> read(dropped, claimed, 0, claimed).readAllBytes())
                .isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void aLastSegmentCannotPassAsAMiddleOne() throws IOException {
        byte[] twoSegments = encrypt(cipher, Arrays.copyOf(plaintext, 2 * S), 0);
        byte[] extended = Arrays.copyOf(twoSegments, twoSegments.length + S + 16);
        System.arraycopy(twoSegments, (int) LAYOUT.ciphertextOffset(1), extended, (int) LAYOUT.ciphertextOffset(2), S + 16);

        assertThatThrownBy(() -> read(extended, 3 * S, S, 1).readAllBytes()).isInstanceOf(CiphertextIntegrityException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 32, 32 + 16, 32 + S + 16 + 100})
    void truncatingFails(int length) {
        byte[] truncated = Arrays.copyOf(stored, length);
        assertThatThrownBy(() -> read(truncated, SIZE, 0, SIZE).readAllBytes()).isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void theWrongDataKeyFailsOnTheFirstRead() {
        BodyCipher other = newCipher(LAYOUT);
        InputStream in = other.decrypt(CiphertextSource.of(stored), 0, SIZE, 0, SIZE);
        assertThatThrownBy(in::read).isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void aPartReadUnderAnotherPartNumberFails() throws IOException {
        byte[] partTwo = encrypt(cipher, plaintext, 2);
        assertThat(cipher.decrypt(CiphertextSource.of(partTwo), 2, SIZE, 0, SIZE).readAllBytes()).isEqualTo(plaintext);
        assertThatThrownBy(() -> cipher.decrypt(CiphertextSource.of(partTwo), 3, SIZE, 0, SIZE).read())
                .isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void aStreamThatFailedKeepsFailing() {
        byte[] tampered = stored.clone();
        tampered[(int) LAYOUT.ciphertextOffset(0) + 1] ^= 0x01;
        InputStream in = read(tampered, SIZE, 0, SIZE);
        byte[] buffer = new byte[100];

        assertThatThrownBy(() -> in.read(buffer)).isInstanceOf(CiphertextIntegrityException.class);
        assertThatThrownBy(() -> in.read(buffer)).isInstanceOf(CiphertextIntegrityException.class);
        assertThatThrownBy(in::read).isInstanceOf(CiphertextIntegrityException.class);
    }

    private InputStream read(byte[] body, long plaintextLength, long first, long length) {
        return cipher.decrypt(CiphertextSource.of(body), 0, plaintextLength, first, length);
    }

    private static void readUntilFailure(InputStream in, ByteArrayOutputStream released) throws IOException {
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            released.write(buffer, 0, n);
        }
    }
}
