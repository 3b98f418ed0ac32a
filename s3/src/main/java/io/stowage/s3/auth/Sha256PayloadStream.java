package io.stowage.s3.auth;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Map;

/** A body whose SHA-256 was signed: hashed as it is read and checked before end of stream is reported. */
final class Sha256PayloadStream extends PayloadStream {

    private final InputStream in;
    private final String expectedSha256;
    private final MessageDigest sha256 = SigV4Crypto.sha256();
    private final byte[] single = new byte[1];
    private String actualSha256;

    Sha256PayloadStream(InputStream in, String expectedSha256) {
        this.in = in;
        this.expectedSha256 = expectedSha256;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            sha256.update(b, off, n);
        } else if (n < 0) {
            checkDigest();
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public Map<String, String> trailers() {
        return Map.of();
    }

    private void checkDigest() {
        if (actualSha256 == null) {
            actualSha256 = SigV4Crypto.hex(sha256.digest());
        }
        if (!actualSha256.equals(expectedSha256)) {
            throw new S3Exception(S3ErrorCode.XAmzContentSHA256Mismatch);
        }
    }
}
