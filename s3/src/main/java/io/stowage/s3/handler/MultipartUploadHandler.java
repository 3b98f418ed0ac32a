package io.stowage.s3.handler;

import io.stowage.s3.sse.BodyCipher;
import io.stowage.s3.sse.Envelopes;

import io.stowage.engine.Engine;
import io.stowage.engine.command.AbortMultipartUpload;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.Part;
import io.stowage.s3.checksum.ChecksumAlgorithm;
import io.stowage.s3.checksum.ChecksumType;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * CreateMultipartUpload, UploadPart and AbortMultipartUpload. A part's body is made durable
 * first, then one command records it in the upload (replacing a part with the same number). The
 * object's owner, ACL and requested lock are decided at creation and stored with the upload.
 */
public final class MultipartUploadHandler {

    /** The largest part, as in AWS. */
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private final Engine engine;
    private final AclRules acls;
    private final ObjectLockRules locks;
    private final ObjectEncryption encryption;
    private final Clock clock;

    public MultipartUploadHandler(Engine engine, AclRules acls, ObjectLockRules locks, ObjectEncryption encryption,
            Clock clock) {
        this.engine = engine;
        this.acls = acls;
        this.locks = locks;
        this.encryption = encryption;
        this.clock = clock;
    }

    public S3Response create(S3Request request) {
        ObjectKeys.validate(request.key());
        Map<String, String> headers = ObjectMetadata.storedHeaders(request.headers());
        Map<String, String> userMetadata = ObjectMetadata.userMetadata(request.headers());
        ChecksumAlgorithm algorithm = checksumAlgorithm(request.header("x-amz-checksum-algorithm"));
        ChecksumType type = checksumType(algorithm, request.header("x-amz-checksum-type"));
        Bucket bucket = Buckets.require(engine, request.bucket());
        AclRules.NewObject acl = acls.newObject(request, bucket);
        ObjectLock lock = locks.requested(request, bucket);
        Envelopes.Sealed sealed = encryption.forWrite(request, bucket);
        long now = clock.millis();
        MultipartUpload upload = engine.apply(new CreateMultipartUpload(request.bucket(), new MultipartUpload(
                request.key(), UploadIds.next(now), now, acl.owner(), headers, userMetadata,
                algorithm == null ? null : algorithm.name(), type == null ? null : type.name(), acl.acl(), lock,
                RequestedTags.of(request), sealed == null ? null : sealed.envelope().encode())));
        byte[] xml = new XmlWriter().root("InitiateMultipartUploadResult")
                .element("Bucket", request.bucket())
                .element("Key", upload.key())
                .element("UploadId", upload.uploadId())
                .end("InitiateMultipartUploadResult")
                .toBytes();
        S3Response response = S3Response.xml(200, xml)
                .header("x-amz-checksum-algorithm", upload.checksumAlgorithm())
                .header("x-amz-checksum-type", upload.checksumType());
        ObjectEncryption.writeHeaders(upload.encryption(), response);
        return response;
    }

    public S3Response uploadPart(S3Request request) {
        int partNumber = PartNumbers.parse(request.param("partNumber"));
        String uploadId = request.param("uploadId");
        MultipartUpload upload = engine.upload(request.bucket(), request.key(), uploadId);
        requireDeclaredChecksum(upload, ChecksumRequest.of(request.headers()));
        BodyCipher cipher = encryption.forUpload(request, upload).orElse(null);
        ObjectUpload.Received received = ObjectUpload.receive(engine, request, MAX_PART_SIZE, cipher, partNumber);
        Part part = new Part(partNumber, received.size(), received.etag(), clock.millis(), received.checksums(), received.body());
        Part stored;
        try {
            stored = engine.apply(new UploadPart(request.bucket(), request.key(), uploadId, part));
        } catch (RuntimeException e) {
            engine.discard(received.body());
            throw e;
        }
        S3Response response = S3Response.ok().header("etag", ObjectReadHandler.quoted(stored.etag()));
        ObjectEncryption.writeHeaders(upload.encryption(), response);
        stored.checksums().forEach((algorithm, value) ->
                response.header("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT), value));
        return response;
    }

    public S3Response abort(S3Request request) {
        engine.apply(new AbortMultipartUpload(request.bucket(), request.key(), request.param("uploadId")));
        return S3Response.status(204);
    }

    /** A part of an upload that declared an algorithm must carry that algorithm's checksum, in a header or a trailer. */
    static void requireDeclaredChecksum(MultipartUpload upload, ChecksumRequest sent) {
        String declared = upload.checksumAlgorithm();
        if (declared == null) {
            return;
        }
        String lower = declared.toLowerCase(Locale.ROOT);
        if (sent == null || (sent.headerValue() == null && sent.trailerName() == null)) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "The upload was created using a " + lower
                    + " checksum. The part request must include a checksum of the same type.");
        }
        if (!sent.algorithm().name().equals(declared)) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "Checksum Type mismatch occurred, expected checksum Type: " + lower
                    + ", actual checksum Type: " + sent.algorithm().name().toLowerCase(Locale.ROOT));
        }
    }

    private static ChecksumAlgorithm checksumAlgorithm(String header) {
        if (header == null) {
            return null;
        }
        return ChecksumAlgorithm.fromName(header).orElseThrow(() -> new S3Exception(S3ErrorCode.InvalidRequest,
                "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
    }

    private static ChecksumType checksumType(ChecksumAlgorithm algorithm, String header) {
        if (header == null) {
            return algorithm == null ? null : ChecksumType.defaultFor(algorithm);
        }
        ChecksumType type = ChecksumType.fromHeaderValue(header).orElseThrow(() ->
                new S3Exception(S3ErrorCode.InvalidRequest, "Value for x-amz-checksum-type header is invalid."));
        if (algorithm == null) {
            throw new S3Exception(S3ErrorCode.InvalidRequest,
                    "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
        }
        if (!type.supports(algorithm)) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "The " + type + " checksum type cannot be used with the "
                    + algorithm.name().toLowerCase(Locale.ROOT) + " checksum algorithm.");
        }
        return type;
    }
}
