package io.stowage.s3.handler;

import io.stowage.s3.checksum.ChecksumDigest;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;

/**
 * The bytes of an object as the client sees them, hashed (MD5 for the ETag, the requested checksums) and counted as
 * they are read, and held to a size limit: what every write computes before its bytes are stored, encrypted or not.
 */
final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest md5;
    private final Collection<ChecksumDigest> digests;
    private final long maxSize;
    private long total;

    /**
     * @param md5 null when the ETag is not computed here
     * @throws S3Exception EntityTooLarge from a read past {@code maxSize}
     */
    DigestingInputStream(InputStream in, MessageDigest md5, Collection<ChecksumDigest> digests, long maxSize) {
        super(in);
        this.md5 = md5;
        this.digests = List.copyOf(digests);
        this.maxSize = maxSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            total += n;
            if (total > maxSize) {
                throw new S3Exception(S3ErrorCode.EntityTooLarge);
            }
            if (md5 != null) {
                md5.update(b, off, n);
            }
            for (ChecksumDigest digest : digests) {
                digest.update(b, off, n);
            }
        }
        return n;
    }

    /** The bytes read so far. */
    long total() {
        return total;
    }
}
