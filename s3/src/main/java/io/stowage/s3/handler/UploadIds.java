package io.stowage.s3.handler;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Multipart upload ids: 16 hex digits of the initiation time in milliseconds, so ids sort by
 * initiation time (ListMultipartUploads lists the uploads of a key in that order), then 128
 * random bits, so an id cannot be guessed.
 */
final class UploadIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UploadIds() {
    }

    static String next(long initiatedMillis) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return String.format("%016x", initiatedMillis) + HexFormat.of().formatHex(random);
    }
}
