package io.stowage.populate;

import io.stowage.backend.s3.ObjectHead;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer's body written to a file while its MD5 and the stored checksums the answer declared are computed,
 * then checked against them: the byte count against Content-Length, each checksum against its header.
 */
final class ReceivedBytes {

    private static final int BUFFER = 64 * 1024;

    private ReceivedBytes() {
    }

    /**
     * @param wholeObject whether the answer is the whole object (a composite checksum of one is not of its bytes)
     * @return the bytes written
     */
    static long copy(ObjectHead head, InputStream body, boolean wholeObject, EtagDigest etag, AtomicFile out,
                     Progress progress) throws IOException, LocalWriteException, VerificationException {
        Map<String, ContentChecksum.Running> checksums = new LinkedHashMap<>();
        boolean composite = wholeObject && head.checksumType().filter("COMPOSITE"::equalsIgnoreCase).isPresent();
        head.checksums().forEach((name, value) -> {
            if (!composite && !value.contains("-")) {
                ContentChecksum.named(name).ifPresent(algorithm -> checksums.put(name, algorithm.start()));
            }
        });
        byte[] buffer = new byte[BUFFER];
        long written = 0;
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            etag.update(buffer, 0, n);
            for (ContentChecksum.Running checksum : checksums.values()) {
                checksum.update(buffer, 0, n);
            }
            out.write(buffer, 0, n);
            written += n;
            progress.transferred(n);
        }
        if (written != head.contentLength()) {
            throw new VerificationException("received " + written + " bytes of " + head.contentLength());
        }
        for (Map.Entry<String, ContentChecksum.Running> checksum : checksums.entrySet()) {
            String expected = head.checksums().get(checksum.getKey());
            String actual = checksum.getValue().base64();
            if (!expected.equals(actual)) {
                throw new VerificationException(checksum.getKey() + " checksum " + actual + " of the bytes received is not the"
                        + " stored " + expected);
            }
        }
        return written;
    }
}
