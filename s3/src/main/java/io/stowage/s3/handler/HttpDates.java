package io.stowage.s3.handler;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The two date formats of S3: RFC 1123 in headers, ISO 8601 with milliseconds in XML (and in the
 * object lock headers).
 */
public final class HttpDates {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    public static String header(long epochMillis) {
        return RFC_1123.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String xml(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Parses an ISO 8601 date-time with a zone ({@code Z} or an offset); null when absent or not one. */
    public static Instant parseIso(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses an HTTP date header; null when absent or not a date (such conditions are ignored, as RFC 9110 says). */
    public static Instant parseHeader(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
