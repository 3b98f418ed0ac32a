package io.stowage.s3.handler;

import io.stowage.engine.model.RetentionMode;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The ObjectLockConfiguration of a bucket with object lock: enabled, with or without a default retention for new
 * objects. Stored as one line, "Enabled" or "Enabled MODE N Days|Years".
 *
 * @param defaultRetention null when new objects get a retention only if their request asks for one
 */
record ObjectLockConfiguration(DefaultRetention defaultRetention) {

    /** What a bucket created with object lock has until a configuration is put. */
    static final ObjectLockConfiguration ENABLED = new ObjectLockConfiguration(null);

    private static final String ROOT = "ObjectLockConfiguration";
    private static final String ENABLED_VALUE = "Enabled";
    private static final String DAYS = "Days";
    private static final String YEARS = "Years";
    /** AWS's limits on a default retention period. */
    private static final long MAX_DAYS = 36_500;
    private static final long MAX_YEARS = 100;

    /**
     * A retention period counted from when an object is written: {@code days} or {@code years}, the other 0.
     */
    record DefaultRetention(RetentionMode mode, int days, int years) {

        DefaultRetention {
            if (mode == null || (days > 0) == (years > 0) || days < 0 || years < 0) {
                throw new IllegalArgumentException("a default retention has a mode and either days or years");
            }
        }

        /** When the retention of an object written at {@code writtenMillis} ends; years are calendar years (UTC). */
        long retainUntil(long writtenMillis) {
            Instant written = Instant.ofEpochMilli(writtenMillis);
            Instant until = days > 0
                    ? written.plus(Duration.ofDays(days))
                    : written.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
            return until.toEpochMilli();
        }
    }

    /**
     * Parses a PutObjectLockConfiguration body.
     *
     * @throws S3Exception MalformedXML for another document, ObjectLockEnabled other than Enabled, an unknown mode,
     *     or a DefaultRetention without exactly one of Days and Years; InvalidArgument for a period that is not
     *     positive or longer than AWS allows
     */
    static ObjectLockConfiguration parseXml(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        if (!root.name().equals(ROOT) || !ENABLED_VALUE.equals(strip(root.childText("ObjectLockEnabled")))) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        if (root.children("Rule").isEmpty()) {
            return ENABLED;
        }
        XmlElement retention = root.children("Rule").size() == 1 ? root.child("Rule").child("DefaultRetention") : null;
        if (retention == null) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        String modeText = retention.childText("Mode");
        RetentionMode mode = modeText == null ? null : ObjectRetention.parseMode(modeText);
        String days = retention.childText(DAYS);
        String years = retention.childText(YEARS);
        if (mode == null || (days == null) == (years == null)) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        return days != null
                ? new ObjectLockConfiguration(new DefaultRetention(mode, period(days, MAX_DAYS), 0))
                : new ObjectLockConfiguration(new DefaultRetention(mode, 0, period(years, MAX_YEARS)));
    }

    private static int period(String text, long max) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        if (value <= 0) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Default retention period must be a positive integer value.");
        }
        if (value > max) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Default retention period is too large.");
        }
        return (int) value;
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    byte[] toXml() {
        XmlWriter xml = new XmlWriter().root(ROOT).element("ObjectLockEnabled", ENABLED_VALUE);
        if (defaultRetention != null) {
            xml.start("Rule").start("DefaultRetention").element("Mode", defaultRetention.mode().name());
            if (defaultRetention.days() > 0) {
                xml.element(DAYS, defaultRetention.days());
            } else {
                xml.element(YEARS, defaultRetention.years());
            }
            xml.end("DefaultRetention").end("Rule");
        }
        return xml.end(ROOT).toBytes();
    }

    String encode() {
        if (defaultRetention == null) {
            return ENABLED_VALUE;
        }
        boolean inDays = defaultRetention.days() > 0;
        return ENABLED_VALUE + " " + defaultRetention.mode().name() + " "
                + (inDays ? defaultRetention.days() + " " + DAYS : defaultRetention.years() + " " + YEARS);
    }

    /** @throws IllegalArgumentException when the text was not written by {@link #encode} */
    static ObjectLockConfiguration decode(String text) {
        String[] words = text.split(" ");
        if (words.length == 1 && words[0].equals(ENABLED_VALUE)) {
            return ENABLED;
        }
        if (words.length != 4 || !words[0].equals(ENABLED_VALUE)) {
            throw new IllegalArgumentException("not a stored object lock configuration: " + text);
        }
        RetentionMode mode = RetentionMode.valueOf(words[1]);
        int period = Integer.parseInt(words[2]);
        return switch (words[3]) {
            case DAYS -> new ObjectLockConfiguration(new DefaultRetention(mode, period, 0));
            case YEARS -> new ObjectLockConfiguration(new DefaultRetention(mode, 0, period));
            default -> throw new IllegalArgumentException("not a stored object lock configuration: " + text);
        };
    }
}
