package io.stowage.s3.handler;

import io.stowage.s3.sse.BodyCipher;
import java.io.InputStream;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.Engine;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.engine.model.Part;
import io.stowage.s3.checksum.ChecksumAlgorithm;
import io.stowage.s3.checksum.ChecksumDigest;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.S3Operation;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlWriter;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UploadPartCopy: a range of an existing object (or all of it) copied into a new part. The bytes
 * are copied, so the part stays valid whatever happens to the source afterwards.
 */
public final class UploadPartCopyHandler {

    static final String BAD_RANGE = "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last"
            + " are the zero-based offsets of the first and last bytes to copy";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,19})-(\\d{1,19})");

    private final Engine engine;
    private final ObjectEncryption encryption;
    private final Clock clock;

    public UploadPartCopyHandler(Engine engine, ObjectEncryption encryption, Clock clock) {
        this.engine = engine;
        this.encryption = encryption;
        this.clock = clock;
    }

    public S3Response copyPart(S3Request request) throws IOException {
        int partNumber = PartNumbers.parse(request.param("partNumber"));
        String uploadId = request.param("uploadId");
        CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
        request.access().check(S3Operation.GET_OBJECT, source.bucket(), source.key(), source.versionId());
        String rangeHeader = request.header("x-amz-copy-source-range");
        MultipartUpload upload = engine.upload(request.bucket(), request.key(), uploadId);
        try (OpenedObject opened = source.open(engine, request)) {
            ObjectVersion src = opened.version();
            BodyCipher from = encryption.forCopySource(request, src).orElse(null);
            BodyCipher to = encryption.forUpload(request, upload).orElse(null);
            ByteRange range = rangeHeader == null ? null : parseRange(rangeHeader, src.size());
            long first = range == null ? 0 : range.first();
            long length = range == null ? src.size() : range.length();
            if (length > MultipartUploadHandler.MAX_PART_SIZE) {
                throw new S3Exception(S3ErrorCode.InvalidRequest,
                        "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120");
            }
            ChecksumAlgorithm algorithm = upload.checksumAlgorithm() == null
                    ? null
                    : ChecksumAlgorithm.fromName(upload.checksumAlgorithm()).orElse(null);
            MessageDigest md5 = ObjectUpload.md5();
            ChecksumDigest digest = algorithm == null ? null : algorithm.newDigest();
            ObjectBody body;
            InputStream plaintext = ObjectEncryption.plaintext(engine, from, opened, first, length);
            InputStream digesting = new DigestingInputStream(plaintext, md5,
                    digest == null ? List.of() : List.of(digest), Long.MAX_VALUE);
            try (InputStream stored = to == null ? digesting : to.encrypt(digesting, partNumber);
                    BodyWriter writer = engine.newBody(to == null ? length : to.layout().ciphertextLength(length))) {
                ObjectUpload.writeAll(stored, writer);
                body = writer.finish();
            }
            Map<String, String> checksums = digest == null ? Map.of() : Map.of(algorithm.name(), digest.base64());
            Part part = new Part(partNumber, length, HexFormat.of().formatHex(md5.digest()), clock.millis(), checksums, body);
            Part stored;
            try {
                stored = engine.apply(new UploadPart(request.bucket(), request.key(), uploadId, part));
            } catch (RuntimeException e) {
                engine.discard(body);
                throw e;
            }
            XmlWriter xml = new XmlWriter().root("CopyPartResult")
                    .element("LastModified", HttpDates.xml(stored.lastModifiedMillis()))
                    .element("ETag", ObjectReadHandler.quoted(stored.etag()));
            stored.checksums().forEach((name, value) -> xml.element("Checksum" + name, value));
            S3Response response = S3Response.xml(200, xml.end("CopyPartResult").toBytes());
            ObjectEncryption.writeHeaders(upload.encryption(), response);
            if (src.versionId() != null && !ObjectVersion.NULL_ID.equals(src.versionId())) {
                response.header("x-amz-copy-source-version-id", src.versionId());
            }
            return response;
        }
    }

    /**
     * Parses x-amz-copy-source-range: exactly bytes=first-last, both offsets inside the source.
     *
     * @throws S3Exception InvalidArgument when malformed, InvalidRange when outside the source
     */
    static ByteRange parseRange(String header, long sourceSize) {
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches()) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, BAD_RANGE);
        }
        long first;
        long last;
        try {
            first = Long.parseLong(m.group(1));
            last = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, BAD_RANGE);
        }
        if (last < first) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, BAD_RANGE);
        }
        if (last >= sourceSize) {
            throw new S3Exception(S3ErrorCode.InvalidRange,
                    "The requested range is not satisfiable: the copy source has " + sourceSize + " bytes");
        }
        return new ByteRange(first, last);
    }
}
