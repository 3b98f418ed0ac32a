package io.stowage.s3.handler;

import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.RetentionMode;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.time.Instant;

/**
 * The retention of an object version, as the Retention document of Get/PutObjectRetention holds it.
 *
 * @param mode null for no retention (a PutObjectRetention body without Mode and RetainUntilDate removes it)
 * @param retainUntilMillis 0 without a mode
 */
record ObjectRetention(RetentionMode mode, long retainUntilMillis) {

    static final ObjectRetention NONE = new ObjectRetention(null, 0);

    private static final String ROOT = "Retention";

    static ObjectRetention of(ObjectLock lock) {
        return new ObjectRetention(lock.mode(), lock.retainUntilMillis());
    }

    /**
     * Parses a PutObjectRetention body.
     *
     * @throws S3Exception MalformedXML for another document, an unknown mode, a date that is not ISO 8601, or only
     *     one of Mode and RetainUntilDate
     */
    static ObjectRetention parseXml(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        if (!root.name().equals(ROOT)) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        String modeText = root.childText("Mode");
        String dateText = root.childText("RetainUntilDate");
        if (modeText == null && dateText == null) {
            return NONE;
        }
        if (modeText == null || dateText == null) {
            throw new S3Exception(S3ErrorCode.MalformedXML,
                    "A Retention needs both Mode and RetainUntilDate, or neither to remove it");
        }
        RetentionMode mode = parseMode(modeText);
        Instant until = HttpDates.parseIso(dateText);
        if (mode == null || until == null) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        return new ObjectRetention(mode, until.toEpochMilli());
    }

    /** GOVERNANCE or COMPLIANCE, exactly as S3 spells them; null for anything else. */
    static RetentionMode parseMode(String text) {
        return switch (text.strip()) {
            case "GOVERNANCE" -> RetentionMode.GOVERNANCE;
            case "COMPLIANCE" -> RetentionMode.COMPLIANCE;
            default -> null;
        };
    }

    /** @throws S3Exception InvalidArgument when a retention would end at or before {@code nowMillis} */
    static void requireFuture(long retainUntilMillis, long nowMillis) {
        if (retainUntilMillis <= nowMillis) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "The retain until date must be in the future!");
        }
    }

    byte[] toXml() {
        return new XmlWriter().root(ROOT)
                .element("Mode", mode.name())
                .element("RetainUntilDate", HttpDates.xml(retainUntilMillis))
                .end(ROOT).toBytes();
    }
}
