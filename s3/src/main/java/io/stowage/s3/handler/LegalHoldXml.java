package io.stowage.s3.handler;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;

/** The LegalHold document of Get/PutObjectLegalHold: {@code <LegalHold><Status>ON|OFF</Status></LegalHold>}. */
final class LegalHoldXml {

    private static final String ROOT = "LegalHold";

    private LegalHoldXml() {
    }

    /** Whether the body places the hold (ON) or removes it (OFF). @throws S3Exception MalformedXML otherwise */
    static boolean parse(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        String status = root.name().equals(ROOT) ? root.childText("Status") : null;
        status = status == null ? null : status.strip();
        if ("ON".equals(status)) {
            return true;
        }
        if ("OFF".equals(status)) {
            return false;
        }
        throw new S3Exception(S3ErrorCode.MalformedXML);
    }

    static byte[] toXml(boolean on) {
        return new XmlWriter().root(ROOT).element("Status", on ? "ON" : "OFF").end(ROOT).toBytes();
    }
}
