package io.stowage.populate;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The ETag S3 gives bytes, computed as they are fed: the hex MD5 of one PUT's bytes, or for a multipart object the
 * hex MD5 of its parts' MD5s followed by {@code -N}, the parts marked by {@link #endPart()}.
 */
final class EtagDigest {

    private final MessageDigest part = ContentChecksum.messageDigest("MD5");
    private final ByteArrayOutputStream partDigests = new ByteArrayOutputStream();
    private int parts;
    private String single;

    void update(byte[] bytes, int offset, int length) {
        part.update(bytes, offset, length);
    }

    /** Ends the current part of a multipart object; the next bytes start the next part. */
    void endPart() {
        partDigests.writeBytes(part.digest());
        parts++;
    }

    /** The ETag of one PUT of the bytes fed; once asked, no more bytes may be fed. */
    String single() {
        if (single == null) {
            single = HexFormat.of().formatHex(part.digest());
        }
        return single;
    }

    /** The ETag of a multipart object of the parts ended. */
    String multipart() {
        MessageDigest md5 = ContentChecksum.messageDigest("MD5");
        return HexFormat.of().formatHex(md5.digest(partDigests.toByteArray())) + "-" + parts;
    }
}
