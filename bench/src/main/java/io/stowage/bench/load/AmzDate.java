package io.stowage.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The x-amz-date value ("yyyyMMdd'T'HHmmss'Z'") as bytes, formatted again only when the second changes. Not thread-safe. */
final class AmzDate {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final byte[] value = new byte[16];
    private long second = Long.MIN_VALUE;

    /** The current value; the array is overwritten when the second changes. */
    byte[] now() {
        return at(System.currentTimeMillis() / 1000);
    }

    byte[] at(long epochSecond) {
        if (epochSecond != second) {
            second = epochSecond;
            byte[] formatted = FORMAT.format(Instant.ofEpochSecond(epochSecond)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(formatted, 0, value, 0, value.length);
        }
        return value;
    }
}
