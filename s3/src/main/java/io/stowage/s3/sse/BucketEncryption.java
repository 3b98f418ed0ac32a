package io.stowage.s3.sse;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;

/**
 * A bucket's default encryption (PutBucketEncryption's document): Stowage encrypts with SSE-S3 (AES256) only, so the
 * configuration says that new objects written without encryption headers are encrypted with it.
 */
public final class BucketEncryption {

    /** The stored form of the one configuration Stowage supports. */
    public static final String AES256_DEFAULT = "AES256";

    private BucketEncryption() {
    }

    /**
     * @return the stored form
     * @throws S3Exception MalformedXML for another document, NotImplemented for SSE-KMS, InvalidArgument for an unknown
     *     algorithm
     */
    public static String parse(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        XmlElement rule = root.child("Rule");
        XmlElement byDefault = rule == null ? null : rule.child("ApplyServerSideEncryptionByDefault");
        String algorithm = byDefault == null ? null : byDefault.childText("SSEAlgorithm");
        if (!root.name().equals("ServerSideEncryptionConfiguration") || root.children("Rule").size() != 1
                || algorithm == null) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        return switch (algorithm.strip()) {
            case SseAlgorithm.AES256 -> AES256_DEFAULT;
            case "aws:kms", "aws:kms:dsse" -> throw new S3Exception(S3ErrorCode.NotImplemented,
                    "Server-side encryption with AWS KMS keys is not supported.");
            default -> throw new S3Exception(S3ErrorCode.InvalidArgument, "The encryption method specified is not supported");
        };
    }

    public static byte[] toXml() {
        return new XmlWriter().root("ServerSideEncryptionConfiguration").start("Rule")
                .start("ApplyServerSideEncryptionByDefault").element("SSEAlgorithm", SseAlgorithm.AES256)
                .end("ApplyServerSideEncryptionByDefault").element("BucketKeyEnabled", false).end("Rule")
                .end("ServerSideEncryptionConfiguration").toBytes();
    }
}
