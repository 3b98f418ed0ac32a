package io.stowage.s3.sse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * What is stored with an encrypted object version (or multipart upload) to decrypt it later: the
 * algorithm, which key wraps the data key (a master key id, or the MD5 of the customer key), the
 * segment size and the wrapped data key. Nothing in it is secret.
 *
 * <p>Binary form, version 1: version (1 byte), algorithm (1), segment size (4, big-endian), then
 * the master key id (4) for SSE-S3 or the customer key's MD5 (16) for SSE-C, then the wrapped data
 * key (60: nonce, ciphertext, tag). Everything before the wrapped key is its associated data, so
 * no field can be changed without the unwrap failing. {@link #encode} is that binary in unpadded
 * base64url (94 characters for SSE-S3, 110 for SSE-C).
 */
public final class Envelope {

    public static final int VERSION = 1;

    private static final int MD5_LENGTH = 16;
    private static final int FIXED_LENGTH = 1 + 1 + 4;

    private final SseAlgorithm algorithm;
    private final int masterKeyId;
    private final byte[] customerKeyMd5;
    private final SegmentLayout layout;
    private final byte[] wrappedKey;

    private Envelope(SseAlgorithm algorithm, int masterKeyId, byte[] customerKeyMd5, SegmentLayout layout, byte[] wrappedKey) {
        this.algorithm = algorithm;
        this.masterKeyId = masterKeyId;
        this.customerKeyMd5 = customerKeyMd5;
        this.layout = layout;
        this.wrappedKey = wrappedKey;
    }

    static Envelope forMasterKey(int masterKeyId, SegmentLayout layout, byte[] wrappedKey) {
        return new Envelope(SseAlgorithm.SSE_S3, masterKeyId, null, layout, wrappedKey.clone());
    }

    static Envelope forCustomerKey(byte[] customerKeyMd5, SegmentLayout layout, byte[] wrappedKey) {
        return new Envelope(SseAlgorithm.SSE_C, 0, customerKeyMd5.clone(), layout, wrappedKey.clone());
    }

    /** The associated data the data key of an SSE-S3 envelope is wrapped with. */
    static byte[] associatedData(int masterKeyId, SegmentLayout layout) {
        return ByteBuffer.allocate(FIXED_LENGTH + 4).put((byte) VERSION).put((byte) SseAlgorithm.SSE_S3.code())
                .putInt(layout.segmentSize()).putInt(masterKeyId).array();
    }

    /** The associated data the data key of an SSE-C envelope is wrapped with. */
    static byte[] associatedData(byte[] customerKeyMd5, SegmentLayout layout) {
        return ByteBuffer.allocate(FIXED_LENGTH + MD5_LENGTH).put((byte) VERSION).put((byte) SseAlgorithm.SSE_C.code())
                .putInt(layout.segmentSize()).put(customerKeyMd5).array();
    }

    byte[] associatedData() {
        return algorithm == SseAlgorithm.SSE_S3 ? associatedData(masterKeyId, layout) : associatedData(customerKeyMd5, layout);
    }

    public SseAlgorithm algorithm() {
        return algorithm;
    }

    public SegmentLayout layout() {
        return layout;
    }

    /** The id of the master key that wraps the data key; 0 for SSE-C. */
    public int masterKeyId() {
        return masterKeyId;
    }

    /** The base64 MD5 of the customer key, as S3 returns it; null for SSE-S3. */
    public String customerKeyMd5Base64() {
        return customerKeyMd5 == null ? null : Base64.getEncoder().encodeToString(customerKeyMd5);
    }

    byte[] customerKeyMd5() {
        return customerKeyMd5.clone();
    }

    byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    public byte[] toBytes() {
        byte[] header = associatedData();
        return ByteBuffer.allocate(header.length + wrappedKey.length).put(header).put(wrappedKey).array();
    }

    /** The compact text form: {@link #toBytes} in unpadded base64url. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(toBytes());
    }

    public static Envelope parse(String encoded) throws MalformedEnvelopeException {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException("envelope is not base64url");
        }
        return fromBytes(bytes);
    }

    public static Envelope fromBytes(byte[] bytes) throws MalformedEnvelopeException {
        if (bytes.length < FIXED_LENGTH) {
            throw new MalformedEnvelopeException("envelope of " + bytes.length + " bytes is too short");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int version = in.get() & 0xff;
        if (version != VERSION) {
            throw new MalformedEnvelopeException("unsupported envelope version " + version);
        }
        int code = in.get() & 0xff;
        SseAlgorithm algorithm = SseAlgorithm.ofCode(code);
        if (algorithm == null) {
            throw new MalformedEnvelopeException("unknown algorithm code " + code);
        }
        int keyReferenceLength = algorithm == SseAlgorithm.SSE_S3 ? 4 : MD5_LENGTH;
        int expected = FIXED_LENGTH + keyReferenceLength + KeyWrap.WRAPPED_LENGTH;
        if (bytes.length != expected) {
            throw new MalformedEnvelopeException(algorithm + " envelope of " + bytes.length + " bytes, expected " + expected);
        }
        int segmentSize = in.getInt();
        if (segmentSize < 1 || segmentSize > SegmentLayout.MAX_SEGMENT_SIZE) {
            throw new MalformedEnvelopeException("segment size " + segmentSize + " out of range");
        }
        SegmentLayout layout = new SegmentLayout(segmentSize);
        byte[] wrapped = new byte[KeyWrap.WRAPPED_LENGTH];
        if (algorithm == SseAlgorithm.SSE_S3) {
            int masterKeyId = in.getInt();
            if (masterKeyId < 1) {
                throw new MalformedEnvelopeException("master key id " + masterKeyId + " out of range");
            }
            in.get(wrapped);
            return new Envelope(algorithm, masterKeyId, null, layout, wrapped);
        }
        byte[] md5 = new byte[MD5_LENGTH];
        in.get(md5);
        in.get(wrapped);
        return new Envelope(algorithm, 0, md5, layout, wrapped);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Envelope envelope && Arrays.equals(toBytes(), envelope.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        String key = algorithm == SseAlgorithm.SSE_S3 ? "masterKey=" + masterKeyId : "customerKeyMd5=" + customerKeyMd5Base64();
        return "Envelope[v" + VERSION + ", " + algorithm + ", " + key + ", segment=" + layout.segmentSize() + "]";
    }
}
