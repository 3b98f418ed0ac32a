package io.stowage.s3.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SseEnvelopeTest {

    private static final byte[] WRAPPED = SseTestData.randomBytes(KeyWrap.WRAPPED_LENGTH, 1);
    private static final byte[] MD5 = SseTestData.randomBytes(16, 2);

    @Test
    void anSseS3EnvelopeRoundTripsThroughTextAndBytes() throws Exception {
        Envelope envelope = Envelope.forMasterKey(7, new SegmentLayout(4096), WRAPPED);

        String text = envelope.encode();
        Envelope parsed = Envelope.parse(text);

        assertThat(text).hasSize(94).matches("[A-Za-z0-9_-]+");
        assertThat(parsed).isEqualTo(envelope);
        assertThat(Envelope.fromBytes(envelope.toBytes())).isEqualTo(envelope);
        assertThat(parsed.algorithm()).isEqualTo(SseAlgorithm.SSE_S3);
        assertThat(parsed.masterKeyId()).isEqualTo(7);
        assertThat(parsed.customerKeyMd5Base64()).isNull();
        assertThat(parsed.layout()).isEqualTo(new SegmentLayout(4096));
        assertThat(parsed.wrappedKey()).isEqualTo(WRAPPED);
    }

    @Test
    void anSseCEnvelopeRoundTripsThroughTextAndBytes() throws Exception {
        Envelope envelope = Envelope.forCustomerKey(MD5, SegmentLayout.DEFAULT, WRAPPED);

        Envelope parsed = Envelope.parse(envelope.encode());

        assertThat(envelope.encode()).hasSize(110);
        assertThat(parsed).isEqualTo(envelope);
        assertThat(parsed.algorithm()).isEqualTo(SseAlgorithm.SSE_C);
        assertThat(parsed.masterKeyId()).isZero();
        assertThat(parsed.customerKeyMd5Base64()).isEqualTo(Base64.getEncoder().encodeToString(MD5));
        assertThat(parsed.layout()).isEqualTo(SegmentLayout.DEFAULT);
    }

    @Test
    void garbageIsRejectedWithATypedError() {
        byte[] valid = Envelope.forMasterKey(7, SegmentLayout.DEFAULT, WRAPPED).toBytes();
        String[] texts = {"", "not base64!", "AAAA", "=", Base64.getUrlEncoder().encodeToString(new byte[70])};
        for (String text : texts) {
            assertThatThrownBy(() -> Envelope.parse(text)).as("'%s'", text).isInstanceOf(MalformedEnvelopeException.class);
        }
        assertRejected(with(valid, 0, 2), "unsupported envelope version 2");
        assertRejected(with(valid, 1, 9), "unknown algorithm code 9");
        assertRejected(with(valid, 1, SseAlgorithm.SSE_C.code()), "expected 82");
        assertRejected(Arrays.copyOf(valid, valid.length - 1), "expected 70");
        assertRejected(Arrays.copyOf(valid, valid.length + 1), "expected 70");
        assertRejected(withInt(valid, 2, 0), "segment size 0");
        assertRejected(withInt(valid, 2, SegmentLayout.MAX_SEGMENT_SIZE + 1), "segment size");
        assertRejected(withInt(valid, 6, 0), "master key id 0");
        assertRejected(withInt(valid, 6, -5), "master key id -5");
    }

    @Test
    void randomBytesNeverParseIntoAnythingButATypedError() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(100)];
            random.nextBytes(bytes);
            try {
                Envelope envelope = Envelope.fromBytes(bytes);
                assertThat(envelope.toBytes()).isEqualTo(bytes);
            } catch (MalformedEnvelopeException expected) {
                // the only failure allowed
            }
        }
    }

    @Test
    void toStringNamesTheKeyButShowsNoWrappedKey() {
        Envelope envelope = Envelope.forMasterKey(3, SegmentLayout.DEFAULT, WRAPPED);
        assertThat(envelope.toString()).isEqualTo("Envelope[v1, SSE_S3, masterKey=3, segment=65536]");
    }

    private static void assertRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> Envelope.fromBytes(bytes)).isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining(message);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThatThrownBy(() -> Envelope.parse(text)).isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining(message);
    }

    private static byte[] with(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] withInt(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(at, value);
        return copy;
    }
}
