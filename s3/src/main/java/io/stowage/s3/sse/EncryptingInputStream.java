package io.stowage.s3.sse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The stored form of a plaintext stream, produced as it is read: the salt, then one sealed
 * segment at a time. Holds one plaintext and one sealed segment, whatever the body's size. The
 * plaintext stream is only read, never altered, and is closed with this stream.
 */
final class EncryptingInputStream extends InputStream {

    private final InputStream plaintext;
    private final SegmentCipher cipher;
    private final byte[] plain;
    private byte[] out;
    private int outPosition;
    private int outLimit;
    private long nextIndex;
    private int lookahead = -1;
    private boolean sealedLast;

    EncryptingInputStream(InputStream plaintext, SegmentCipher cipher, byte[] salt, SegmentLayout layout) {
        this.plaintext = plaintext;
        this.cipher = cipher;
        this.plain = new byte[layout.segmentSize()];
        this.out = salt.clone();
        this.outLimit = out.length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (outPosition == outLimit) {
            if (sealedLast) {
                return -1;
            }
            sealNextSegment();
        }
        int n = Math.min(len, outLimit - outPosition);
        System.arraycopy(out, outPosition, b, off, n);
        outPosition += n;
        return n;
    }

    @Override
    public int available() {
        return outLimit - outPosition;
    }

    @Override
    public void close() throws IOException {
        plaintext.close();
    }

    private void sealNextSegment() throws IOException {
        int length = 0;
        if (lookahead >= 0) {
            plain[length++] = (byte) lookahead;
            lookahead = -1;
        }
        boolean ended = false;
        while (length < plain.length) {
            int n = plaintext.read(plain, length, plain.length - length);
            if (n < 0) {
                ended = true;
                break;
            }
            length += n;
        }
        // a full segment is the last one only if nothing follows it
        if (!ended) {
            lookahead = plaintext.read();
            ended = lookahead < 0;
        }
        if (out.length < plain.length + SegmentLayout.TAG_LENGTH) {
            out = new byte[plain.length + SegmentLayout.TAG_LENGTH];
        }
        outLimit = cipher.seal(nextIndex++, ended, plain, length, out);
        outPosition = 0;
        sealedLast = ended;
    }
}
