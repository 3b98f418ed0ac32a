package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionIds;
import io.stowage.engine.model.Part;
import io.stowage.s3.checksum.ChecksumAlgorithm;
import io.stowage.s3.checksum.ChecksumType;
import io.stowage.s3.checksum.MultipartChecksum;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlWriter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CompleteMultipartUpload: validates the chosen parts against the upload's, computes the ETag and
 * the object checksum, and makes the object current with one command. No bytes are copied.
 */
public final class CompleteMultipartHandler {

    /** Every part but the last must hold at least this many bytes, as in AWS. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** 10 000 parts with every checksum fit well within this. */
    private static final int MAX_DOCUMENT = 4 * 1024 * 1024;

    private final Engine engine;
    private final ObjectLockRules locks;
    private final ExpirationHeader expiration;
    private final Clock clock;

    public CompleteMultipartHandler(Engine engine, ObjectLockRules locks, ExpirationHeader expiration, Clock clock) {
        this.engine = engine;
        this.locks = locks;
        this.expiration = expiration;
        this.clock = clock;
    }

    public S3Response complete(S3Request request) throws IOException {
        WritePrecondition precondition = PutObjectHandler.precondition(request);
        String uploadId = request.param("uploadId");
        MultipartUpload upload = engine.upload(request.bucket(), request.key(), uploadId);
        CompleteRequest completion = CompleteRequest.parse(RequestBodies.readSmall(request, MAX_DOCUMENT, false));
        List<Part> chosen = choose(completion, engine.parts(request.bucket(), request.key(), uploadId));
        Map<String, String> checksums = objectChecksums(upload, chosen, request);
        long size = 0;
        List<String> etags = new ArrayList<>(chosen.size());
        for (Part part : chosen) {
            size += part.size();
            etags.add(part.etag());
        }
        long now = clock.millis();
        ObjectVersion version = new ObjectVersion(request.key(), VersionIds.next(), false, size,
                CompleteRequest.multipartEtag(etags), now, upload.owner(), upload.headers(), upload.userMetadata(),
                checksums, new ObjectBody.Multipart(chosen), upload.acl())
                .withLock(locks.withDefaultRetention(upload.lock(), Buckets.require(engine, request.bucket()), now))
                .withTags(upload.tags()).withEncryption(upload.encryption());
        ObjectVersion stored = engine.apply(new CompleteMultipartUpload(request.bucket(), uploadId, version, precondition));
        XmlWriter xml = new XmlWriter().root("CompleteMultipartUploadResult")
                .element("Location", location(request))
                .element("Bucket", request.bucket())
                .element("Key", stored.key())
                .element("ETag", ObjectReadHandler.quoted(stored.etag()));
        StoredChecksums.values(stored.checksums()).forEach((algorithm, value) -> xml.element("Checksum" + algorithm, value));
        xml.optional("ChecksumType", StoredChecksums.type(stored.checksums()));
        S3Response response = S3Response.xml(200, xml.end("CompleteMultipartUploadResult").toBytes());
        ObjectEncryption.writeHeaders(stored.encryption(), response);
        expiration.write(request, stored, response);
        if (!ObjectVersion.NULL_ID.equals(stored.versionId())) {
            response.header("x-amz-version-id", stored.versionId());
        }
        return response;
    }

    /**
     * The upload's parts the request names, in order: each must exist with the given ETag (and
     * checksums, when given), and all but the last must be at least {@link #MIN_PART_SIZE}.
     */
    static List<Part> choose(CompleteRequest completion, List<Part> uploaded) {
        Map<Integer, Part> byNumber = new HashMap<>();
        for (Part part : uploaded) {
            byNumber.put(part.number(), part);
        }
        List<CompleteRequest.Requested> requested = completion.parts();
        List<Part> chosen = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            CompleteRequest.Requested r = requested.get(i);
            Part part = byNumber.get(r.number());
            if (part == null || !part.etag().equalsIgnoreCase(r.etag())) {
                throw new S3Exception(S3ErrorCode.InvalidPart, "One or more of the specified parts could not be found. The part"
                        + " might not have been uploaded, or the specified entity tag might not have matched the part's entity tag."
                        + " (part " + r.number() + ")");
            }
            r.checksums().forEach((algorithm, value) -> {
                if (!value.equals(part.checksums().get(algorithm))) {
                    throw new S3Exception(S3ErrorCode.InvalidPart, "The " + algorithm.toLowerCase(Locale.ROOT)
                            + " checksum given for part " + r.number() + " does not match the part's.");
                }
            });
            if (i < requested.size() - 1 && part.size() < MIN_PART_SIZE) {
                throw new S3Exception(S3ErrorCode.EntityTooSmall, "Your proposed upload is smaller than the minimum allowed size:"
                        + " part " + r.number() + " has " + part.size() + " bytes, and every part but the last needs at least "
                        + MIN_PART_SIZE + ".");
            }
            chosen.add(part);
        }
        return chosen;
    }

    /**
     * The object's checksum for an upload that declared an algorithm (COMPOSITE or FULL_OBJECT,
     * from the parts' checksums), with its type under {@link StoredChecksums#TYPE_KEY}; checks a
     * checksum and type the request states for the whole object.
     */
    private static Map<String, String> objectChecksums(MultipartUpload upload, List<Part> chosen, S3Request request) {
        if (upload.checksumAlgorithm() == null) {
            return Map.of();
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
        ChecksumType type = ChecksumType.valueOf(upload.checksumType());
        String requestedType = request.header("x-amz-checksum-type");
        if (requestedType != null && ChecksumType.fromHeaderValue(requestedType).orElse(null) != type) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "The upload was created using the " + type
                    + " checksum mode. The complete request must use the same checksum mode.");
        }
        List<byte[]> partChecksums = new ArrayList<>(chosen.size());
        List<Long> lengths = new ArrayList<>(chosen.size());
        for (Part part : chosen) {
            String value = part.checksums().get(algorithm.name());
            if (value == null) {
                throw new S3Exception(S3ErrorCode.InvalidPart, "Part " + part.number() + " has no "
                        + algorithm.name().toLowerCase(Locale.ROOT) + " checksum; the upload requires one.");
            }
            partChecksums.add(Base64.getDecoder().decode(value));
            lengths.add(part.size());
        }
        String value = type == ChecksumType.COMPOSITE
                ? MultipartChecksum.composite(algorithm, partChecksums)
                : MultipartChecksum.fullObject(algorithm, partChecksums, lengths);
        String stated = request.header(algorithm.headerName());
        if (stated != null) {
            String s = stated.trim();
            String bare = type == ChecksumType.COMPOSITE ? value.substring(0, value.lastIndexOf('-')) : value;
            if (!s.equals(value) && !s.equals(bare)) {
                throw new S3Exception(S3ErrorCode.BadDigest, "The " + algorithm.name().toLowerCase(Locale.ROOT)
                        + " you specified did not match the calculated checksum.");
            }
        }
        Map<String, String> checksums = new LinkedHashMap<>();
        checksums.put(algorithm.name(), value);
        checksums.put(StoredChecksums.TYPE_KEY, type.name());
        return checksums;
    }

    private static String location(S3Request request) {
        String host = request.header("host");
        String path = "/" + request.bucket() + "/" + URLEncoder.encode(request.key(), StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%2F", "/");
        return host == null ? path : "http://" + host + path;
    }
}
