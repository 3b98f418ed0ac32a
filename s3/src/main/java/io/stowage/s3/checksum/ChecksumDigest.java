package io.stowage.s3.checksum;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A running checksum over a body. Feed it with {@code update}, then read the result once with
 * {@link #digest()} or {@link #base64()}; the digest is final after that and further updates fail.
 */
public interface ChecksumDigest {

    void update(byte[] bytes, int offset, int length);

    /** Consumes the buffer's remaining bytes. */
    void update(ByteBuffer buffer);

    /** The checksum bytes (CRCs big-endian), as S3 encodes them. */
    byte[] digest();

    /** The checksum as S3 sends it in x-amz-checksum-* headers: standard base64 of {@link #digest()}. */
    default String base64() {
        return Base64.getEncoder().encodeToString(digest());
    }
}
