package io.stowage.s3.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The request time formats of SigV4: ISO 8601 basic ({@code 20130524T000000Z}) and the HTTP Date header. */
final class AmzDate {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);

    private AmzDate() {
    }

    /** The instant of an ISO 8601 basic date-time, or null if it is not one. */
    static Instant parseBasic(String value) {
        if (value == null || value.length() != 16) {
            return null;
        }
        try {
            return Instant.from(BASIC.parse(value));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The instant of an RFC 1123 HTTP date, or null if it is not one. */
    static Instant parseHttpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String formatBasic(Instant instant) {
        return BASIC.format(instant);
    }
}
