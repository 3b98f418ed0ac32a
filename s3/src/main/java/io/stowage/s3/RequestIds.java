package io.stowage.s3;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids as S3 shows them: 16 upper-case hex characters. */
public final class RequestIds {

    private RequestIds() {
    }

    public static String next() {
        return HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
