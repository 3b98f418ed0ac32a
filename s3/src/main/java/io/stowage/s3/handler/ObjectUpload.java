package io.stowage.s3.handler;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.Engine;
import io.stowage.engine.model.ObjectBody;
import io.stowage.s3.checksum.ChecksumDigest;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import io.stowage.s3.sse.BodyCipher;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Streams a request body into the engine while computing the MD5 (the ETag) and the checksum the
 * client asked for, then verifies Content-MD5 and the checksum before anything is committed.
 */
public final class ObjectUpload {

    /** The largest object a single PUT may carry, as in AWS. */
    public static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;

    private ObjectUpload() {
    }

    /**
     * The result of a received body: finished (durable) but not yet referenced by any command;
     * the caller commits it or discards it.
     */
    public record Received(ObjectBody body, long size, String etag, Map<String, String> checksums) {
    }

    /**
     * @param cipher encrypts the body as it is stored, or null to store it as sent; the ETag and checksums are always
     *     those of the bytes the client sent
     * @param partNumber the part number the body is encrypted under ({@link BodyCipher#SINGLE_PART} for a whole object)
     */
    public static Received receive(Engine engine, S3Request request, long maxSize, BodyCipher cipher, int partNumber) {
        long declared = request.contentLength();
        if (declared < 0 && !request.headers().contains("transfer-encoding")) {
            throw new S3Exception(S3ErrorCode.MissingContentLength);
        }
        if (declared > maxSize) {
            throw new S3Exception(S3ErrorCode.EntityTooLarge,
                    "Your proposed upload exceeds the maximum allowed size of " + maxSize + " bytes");
        }
        byte[] contentMd5 = contentMd5(request.header("content-md5"));
        ChecksumRequest checksum = ChecksumRequest.of(request.headers());
        return store(engine, request.body(), declared, maxSize, contentMd5, checksum,
                () -> checksum == null ? null : checksum.expectedValue(request.body().trailers()), cipher, partNumber);
    }

    /** Receives the file of a browser POST form: its length is known only at its end, and it carries no checksum. */
    public static Received receiveFile(Engine engine, InputStream file, long maxSize, BodyCipher cipher) {
        return store(engine, file, -1, maxSize, null, null, () -> null, cipher, BodyCipher.SINGLE_PART);
    }

    private static Received store(Engine engine, InputStream in, long declared, long maxSize, byte[] contentMd5,
            ChecksumRequest checksum, Supplier<String> expectedChecksum, BodyCipher cipher, int partNumber) {
        MessageDigest md5 = md5();
        ChecksumDigest digest = checksum == null ? null : checksum.algorithm().newDigest();
        DigestingInputStream plaintext = new DigestingInputStream(in, md5,
                digest == null ? List.of() : List.of(digest), maxSize);
        InputStream stored = cipher == null ? plaintext : cipher.encrypt(plaintext, partNumber);
        long storedLength = cipher == null ? declared : cipher.layout().ciphertextLength(declared);
        try (BodyWriter writer = engine.newBody(storedLength)) {
            writeAll(stored, writer);
            long total = plaintext.total();
            if (declared >= 0 && total != declared) {
                throw new S3Exception(S3ErrorCode.IncompleteBody);
            }
            byte[] md5Bytes = md5.digest();
            if (contentMd5 != null && !MessageDigest.isEqual(contentMd5, md5Bytes)) {
                throw new S3Exception(S3ErrorCode.BadDigest, "The Content-MD5 you specified did not match what we received.");
            }
            Map<String, String> checksums = Map.of();
            if (checksum != null) {
                String computed = digest.base64();
                String expected = expectedChecksum.get();
                if (expected != null && !computed.equals(expected)) {
                    throw new S3Exception(S3ErrorCode.BadDigest,
                            "The " + checksum.algorithm().name() + " you specified did not match the calculated checksum.");
                }
                checksums = Map.of(checksum.algorithm().name(), computed);
            }
            return new Received(writer.finish(), total, HexFormat.of().formatHex(md5Bytes), checksums);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a whole stream into a new body. */
    static void writeAll(InputStream in, BodyWriter writer) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            writer.write(ByteBuffer.wrap(buffer, 0, n));
        }
    }

    private static byte[] contentMd5(String header) {
        if (header == null) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(header.trim());
            if (md5.length == 16) {
                return md5;
            }
        } catch (IllegalArgumentException e) {
            // falls through to InvalidDigest
        }
        throw new S3Exception(S3ErrorCode.InvalidDigest);
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
