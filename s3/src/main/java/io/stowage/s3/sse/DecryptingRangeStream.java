package io.stowage.s3.sse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The plaintext bytes [first, first + length) of one stored body, read and authenticated one
 * covering segment at a time: only the segments the range touches are read, and a segment's
 * bytes are released only after its tag has been checked. Once a read fails, every later read
 * fails too. Nothing is read before the first read.
 */
final class DecryptingRangeStream extends InputStream {

    private final DataKey dataKey;
    private final int partNumber;
    private final SegmentLayout layout;
    private final CiphertextSource source;
    private final long plaintextLength;
    private final long lastIndex;
    private final long rangeEnd;
    private long position;
    private SegmentCipher cipher;
    private byte[] sealed;
    private byte[] plain;
    private int plainPosition;
    private int plainLimit;
    private CiphertextIntegrityException failure;

    DecryptingRangeStream(DataKey dataKey, int partNumber, SegmentLayout layout, CiphertextSource source,
            long plaintextLength, long first, long length) {
        if (plaintextLength < 0 || first < 0 || length < 0 || first > plaintextLength - length) {
            throw new IllegalArgumentException("range " + first + "+" + length + " outside a body of " + plaintextLength + " bytes");
        }
        this.dataKey = dataKey;
        this.partNumber = partNumber;
        this.layout = layout;
        this.source = source;
        this.plaintextLength = plaintextLength;
        this.lastIndex = layout.segmentCount(plaintextLength) - 1;
        this.position = first;
        this.rangeEnd = first + length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        if (position == rangeEnd) {
            return -1;
        }
        if (plainPosition == plainLimit) {
            try {
                openSegmentAt(position);
            } catch (CiphertextIntegrityException e) {
                failure = e;
                throw e;
            }
        }
        int n = (int) Math.min(Math.min(len, plainLimit - plainPosition), rangeEnd - position);
        System.arraycopy(plain, plainPosition, b, off, n);
        plainPosition += n;
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(plainLimit - plainPosition, rangeEnd - position);
    }

    private void openSegmentAt(long offset) throws IOException {
        if (cipher == null) {
            byte[] salt = new byte[SegmentLayout.SALT_LENGTH];
            readFully(0, salt, salt.length, "salt");
            cipher = SegmentCipher.forBody(dataKey, salt, partNumber);
            sealed = new byte[(int) Math.min(layout.segmentSize(), plaintextLength) + SegmentLayout.TAG_LENGTH];
            plain = new byte[sealed.length];
        }
        long index = offset / layout.segmentSize();
        int sealedLength = layout.plaintextLengthOf(index, plaintextLength) + SegmentLayout.TAG_LENGTH;
        readFully(layout.ciphertextOffset(index), sealed, sealedLength, "segment " + index);
        plainLimit = cipher.open(index, index == lastIndex, sealed, sealedLength, plain);
        plainPosition = (int) (offset - index * layout.segmentSize());
    }

    private void readFully(long at, byte[] into, int length, String what) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        while (buffer.hasRemaining()) {
            if (source.read(buffer, at + buffer.position()) < 0) {
                throw new CiphertextIntegrityException("stored body ends inside " + what);
            }
        }
    }
}
