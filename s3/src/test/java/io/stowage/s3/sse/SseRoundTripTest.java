package io.stowage.s3.sse;

import static io.stowage.s3.sse.SseTestData.decrypt;
import static io.stowage.s3.sse.SseTestData.encrypt;
import static io.stowage.s3.sse.SseTestData.newCipher;
import static io.stowage.s3.sse.SseTestData.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseRoundTripTest {

    private static final int S = SegmentLayout.DEFAULT_SEGMENT_SIZE;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, S - 1, S, S + 1, 3 * S - 1, 5 * 1024 * 1024 + 123})
    void wholeBodiesRoundTrip(int size) throws IOException {
        BodyCipher cipher = newCipher(SegmentLayout.DEFAULT);
        byte[] plaintext = randomBytes(size, size);

        byte[] stored = encrypt(cipher, plaintext, BodyCipher.SINGLE_PART);

        assertThat((long) stored.length).isEqualTo(cipher.layout().ciphertextLength(size));
        assertThat(cipher.layout().plaintextLength(stored.length)).isEqualTo(size);
        assertThat(decrypt(cipher, stored, BodyCipher.SINGLE_PART, size, 0, size)).isEqualTo(plaintext);
        if (size >= 64) {
            // the plaintext does not show through: no 64-byte window of it appears in the stored bytes
            byte[] window = Arrays.copyOfRange(plaintext, size / 2 - 32, size / 2 + 32);
            assertThat(indexOf(stored, window)).isEqualTo(-1);
        }
    }

    @Test
    void plaintextArrivingInSmallPiecesAndCiphertextReadByteByByteGiveTheSameBody() throws IOException {
        SegmentLayout layout = new SegmentLayout(1000);
        BodyCipher cipher = newCipher(layout);
        byte[] plaintext = randomBytes(4321, 1);

        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (InputStream in = cipher.encrypt(SseTestData.trickling(plaintext, 7), 0)) {
            int b;
            while ((b = in.read()) >= 0) {
                stored.write(b);
            }
        }

        assertThat((long) stored.size()).isEqualTo(layout.ciphertextLength(plaintext.length));
        InputStream decrypted = cipher.decrypt(CiphertextSource.of(stored.toByteArray()), 0, plaintext.length, 0, plaintext.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = decrypted.read()) >= 0) {
            out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(plaintext);
    }

    @Test
    void theSamePlaintextIsStoredDifferentlyEachTime() throws IOException {
        BodyCipher cipher = newCipher(SegmentLayout.DEFAULT);
        byte[] plaintext = randomBytes(1000, 2);
        byte[] one = encrypt(cipher, plaintext, 0);
        byte[] two = encrypt(cipher, plaintext, 0);
        int salt = SegmentLayout.SALT_LENGTH;
        // not only the salt differs: the sealed segments do too (the salt feeds the body key)
        assertThat(Arrays.copyOfRange(one, salt, one.length)).isNotEqualTo(Arrays.copyOfRange(two, salt, two.length));
    }

    @Test
    void everyRangeShapeMatchesThePlaintext() throws IOException {
        BodyCipher cipher = newCipher(SegmentLayout.DEFAULT);
        int size = 5 * S + 100;
        byte[] plaintext = randomBytes(size, 3);
        byte[] stored = encrypt(cipher, plaintext, 0);
        long[][] ranges = {
            {0, 10}, // start
            {0, S}, // exactly the first segment
            {2 * S + 500, 1000}, // middle of one segment
            {size - 10, 10}, // end
            {5 * S, 100}, // the whole short last segment
            {S - 5, 10}, // across one boundary
            {S - 1, 2 * S + 2}, // across several boundaries
            {S - 1, 1}, {S, 1}, {S + 1, 1}, {0, 1}, {size - 1, 1}, // single bytes
            {S, S}, // one whole middle segment, boundary to boundary
            {0, size}, // whole object
            {1234, 0}, {size, 0}, // empty
        };
        for (long[] range : ranges) {
            assertThat(decrypt(cipher, stored, 0, size, range[0], range[1])).as("range %d+%d", range[0], range[1])
                    .isEqualTo(Arrays.copyOfRange(plaintext, (int) range[0], (int) (range[0] + range[1])));
        }
    }

    @Test
    void everyRangeOfASmallBodyWithTinySegmentsMatches() throws IOException {
        BodyCipher cipher = newCipher(new SegmentLayout(16));
        byte[] plaintext = randomBytes(100, 4);
        byte[] stored = encrypt(cipher, plaintext, 0);
        for (int first = 0; first <= plaintext.length; first++) {
            for (int length = 0; first + length <= plaintext.length; length++) {
                assertThat(decrypt(cipher, stored, 0, plaintext.length, first, length)).as("range %d+%d", first, length)
                        .isEqualTo(Arrays.copyOfRange(plaintext, first, first + length));
            }
        }
    }

    @Test
    void aRangeReadsOnlyTheSaltAndTheSegmentsItCovers() throws IOException {
        SegmentLayout layout = new SegmentLayout(1024);
        BodyCipher cipher = newCipher(layout);
        byte[] plaintext = randomBytes(10 * 1024, 5);
        byte[] stored = encrypt(cipher, plaintext, 0);
        List<long[]> reads = new ArrayList<>();
        CiphertextSource recording = (dst, position) -> {
            int n = CiphertextSource.of(stored).read(dst, position);
            reads.add(new long[] {position, position + n});
            return n;
        };

        // bytes 3000..4999 lie in segments 2, 3 and 4
        byte[] range = cipher.decrypt(recording, 0, plaintext.length, 3000, 2000).readAllBytes();

        assertThat(range).isEqualTo(Arrays.copyOfRange(plaintext, 3000, 5000));
        long segmentTwo = layout.ciphertextOffset(2);
        long afterSegmentFour = layout.ciphertextOffset(5);
        for (long[] read : reads) {
            boolean salt = read[0] >= 0 && read[1] <= SegmentLayout.SALT_LENGTH;
            boolean covering = read[0] >= segmentTwo && read[1] <= afterSegmentFour;
            assertThat(salt || covering).as("read %d..%d", read[0], read[1]).isTrue();
        }
        assertThat(reads.stream().mapToLong(r -> r[1] - r[0]).sum()).isEqualTo(SegmentLayout.SALT_LENGTH + 3 * (1024 + 16));
    }

    @Test
    void nothingIsReadForAnEmptyRangeOrBeforeTheFirstRead() throws IOException {
        AtomicBoolean touched = new AtomicBoolean();
        CiphertextSource untouchable = (dst, position) -> {
            touched.set(true);
            return -1;
        };
        BodyCipher cipher = newCipher(SegmentLayout.DEFAULT);

        InputStream opened = cipher.decrypt(untouchable, 0, 1000, 10, 20);
        assertThat(cipher.decrypt(untouchable, 0, 1000, 10, 0).read()).isEqualTo(-1);

        assertThat(touched).isFalse();
        assertThatThrownBy(opened::read).isInstanceOf(CiphertextIntegrityException.class);
    }

    @Test
    void aRangeOutsideTheBodyIsRefused() {
        BodyCipher cipher = newCipher(SegmentLayout.DEFAULT);
        CiphertextSource none = (dst, position) -> -1;
        assertThatThrownBy(() -> cipher.decrypt(none, 0, 100, 90, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(none, 0, 100, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(none, 0, 100, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(none, 0, 100, Long.MAX_VALUE, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileChannelIsACiphertextSource() throws IOException {
        BodyCipher cipher = newCipher(new SegmentLayout(4096));
        byte[] plaintext = randomBytes(50_000, 6);
        Path file = Files.createTempFile("sse", ".blob");
        try {
            Files.write(file, encrypt(cipher, plaintext, 0));
            try (FileChannel channel = FileChannel.open(file)) {
                assertThat(cipher.decrypt(channel::read, 0, plaintext.length, 10_000, 20_000).readAllBytes())
                        .isEqualTo(Arrays.copyOfRange(plaintext, 10_000, 30_000));
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void encryptingClosesThePlaintextStreamWithItAndLeavesItsBytesAlone() throws IOException {
        byte[] plaintext = randomBytes(3000, 7);
        byte[] original = plaintext.clone();
        AtomicBoolean closed = new AtomicBoolean();
        InputStream source = new ByteArrayInputStream(plaintext) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        BodyCipher cipher = newCipher(new SegmentLayout(1000));

        InputStream encrypting = cipher.encrypt(source, 0);
        encrypting.readAllBytes();
        encrypting.close();

        assertThat(closed).isTrue();
        assertThat(plaintext).isEqualTo(original);
    }

    @Test
    void aRangeOfAMultipartObjectIsTheConcatenationOfItsPartsRanges() throws IOException {
        SegmentLayout layout = new SegmentLayout(1024);
        BodyCipher cipher = newCipher(layout);
        byte[][] parts = {randomBytes(5000, 10), randomBytes(3000, 11), randomBytes(4500, 12)};
        byte[][] stored = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            stored[i] = encrypt(cipher, parts[i], i + 1);
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            whole.writeBytes(part);
        }
        byte[] plaintext = whole.toByteArray();

        // bytes 4000..9499: the end of part 1, all of part 2, the start of part 3
        long first = 4000;
        long end = 9500;
        List<InputStream> slices = new ArrayList<>();
        long partStart = 0;
        for (int i = 0; i < parts.length; i++) {
            long partEnd = partStart + parts[i].length;
            long from = Math.max(first, partStart);
            long to = Math.min(end, partEnd);
            if (to > from) {
                slices.add(cipher.decrypt(CiphertextSource.of(stored[i]), i + 1, parts[i].length, from - partStart, to - from));
            }
            partStart = partEnd;
        }
        byte[] range = new SequenceInputStream(Collections.enumeration(slices)).readAllBytes();

        assertThat(range).isEqualTo(Arrays.copyOfRange(plaintext, (int) first, (int) end));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
