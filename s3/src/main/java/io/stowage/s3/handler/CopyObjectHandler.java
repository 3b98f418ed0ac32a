package io.stowage.s3.handler;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.Engine;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionIds;
import io.stowage.engine.model.Versioning;
import io.stowage.engine.model.OpenedObject;
import io.stowage.s3.checksum.ChecksumAlgorithm;
import io.stowage.s3.checksum.ChecksumDigest;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.S3Operation;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlWriter;
import io.stowage.s3.sse.BodyCipher;
import io.stowage.s3.sse.Envelopes;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * CopyObject. Bytes are copied into a new body, except for a copy of an object onto itself with
 * REPLACE, which only rewrites the metadata and keeps the same body. A copy of a multipart
 * object is a single-part object: its ETag is the MD5 of the bytes and its checksums are
 * computed over them. The copy's ACL comes from the request, never from the source.
 */
public final class CopyObjectHandler {

    private final Engine engine;
    private final AclRules acls;
    private final ObjectLockRules locks;
    private final ObjectEncryption encryption;
    private final ExpirationHeader expiration;
    private final Clock clock;

    public CopyObjectHandler(Engine engine, AclRules acls, ObjectLockRules locks, ObjectEncryption encryption,
            ExpirationHeader expiration, Clock clock) {
        this.engine = engine;
        this.acls = acls;
        this.locks = locks;
        this.encryption = encryption;
        this.expiration = expiration;
        this.clock = clock;
    }

    public S3Response copy(S3Request request) throws IOException {
        ObjectKeys.validate(request.key());
        CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
        request.access().check(S3Operation.GET_OBJECT, source.bucket(), source.key(), source.versionId());
        String directive = request.header("x-amz-metadata-directive");
        boolean replace = directive != null && directive.trim().equals("REPLACE");
        if (directive != null && !replace && !directive.trim().equals("COPY")) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Unknown metadata directive.");
        }
        Bucket bucket = Buckets.require(engine, request.bucket());
        AclRules.NewObject acl = acls.newObject(request, bucket);
        ObjectLock lock = locks.requested(request, bucket);
        Envelopes.Sealed sealed = encryption.forWrite(request, bucket);
        boolean ontoItself = source.bucket().equals(request.bucket()) && source.key().equals(request.key());
        // copying an older version onto its own key restores it: only the current one needs a change
        if (ontoItself && !replace && source.versionId() == null) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "This copy request is illegal because it is trying to copy an object"
                    + " to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        try (OpenedObject opened = source.open(engine, request)) {
            ObjectVersion src = opened.version();
            BodyCipher sourceCipher = encryption.forCopySource(request, src).orElse(null);
            if (src.size() > ObjectUpload.MAX_SINGLE_PUT) {
                throw new S3Exception(S3ErrorCode.InvalidRequest, "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120");
            }
            Map<String, String> headers = replace ? ObjectMetadata.storedHeaders(request.headers()) : src.headers();
            Map<String, String> userMetadata = replace ? ObjectMetadata.userMetadata(request.headers()) : src.userMetadata();
            // the body is reused only when the copy replaces the very version it comes from; a version kept beside
            // the copy (versioning enabled, or an older version) must not share its blobs
            boolean replacesSource = ontoItself && bucket.versioning() != Versioning.ENABLED
                    && sourceCipher == null && sealed == null
                    && ObjectVersion.NULL_ID.equals(src.versionId()) && !src.deleteMarker()
                    && (source.versionId() == null || source.versionId().equals(src.versionId()));
            ObjectBody body;
            String etag = src.etag();
            Map<String, String> checksums = src.checksums();
            if (replacesSource) {
                body = src.body();
            } else if (src.body() instanceof ObjectBody.Multipart) {
                Copied copied = copyBytes(opened, sourceCipher, sealed, true, StoredChecksums.values(src.checksums()).keySet());
                body = copied.body();
                etag = copied.etag();
                checksums = copied.checksums();
            } else {
                body = copyBytes(opened, sourceCipher, sealed, false, Set.of()).body();
            }
            long now = clock.millis();
            ObjectVersion version = new ObjectVersion(request.key(), VersionIds.next(), false, src.size(), etag,
                    now, acl.owner(), headers, userMetadata, checksums, body, acl.acl())
                    .withLock(locks.withDefaultRetention(lock, bucket, now))
                    .withTags(RequestedTags.ofCopy(request, src.tags()))
                    .withEncryption(sealed == null ? null : sealed.envelope().encode());
            ObjectVersion stored;
            try {
                stored = engine.apply(new PutObject(request.bucket(), version));
            } catch (RuntimeException e) {
                if (body != src.body()) {
                    engine.discard(body);
                }
                throw e;
            }
            XmlWriter xml = new XmlWriter().root("CopyObjectResult")
                    .element("LastModified", HttpDates.xml(stored.lastModifiedMillis()))
                    .element("ETag", ObjectReadHandler.quoted(stored.etag()));
            StoredChecksums.values(stored.checksums()).forEach((algorithm, value) -> xml.element("Checksum" + algorithm, value));
            xml.optional("ChecksumType", StoredChecksums.type(stored.checksums()));
            S3Response response = S3Response.xml(200, xml.end("CopyObjectResult").toBytes());
            ObjectEncryption.writeHeaders(stored.encryption(), response);
            expiration.write(request, stored, response);
            if (src.versionId() != null && !ObjectVersion.NULL_ID.equals(src.versionId())) {
                response.header("x-amz-copy-source-version-id", src.versionId());
            }
            if (!ObjectVersion.NULL_ID.equals(stored.versionId())) {
                response.header("x-amz-version-id", stored.versionId());
            }
            return response;
        }
    }

    private record Copied(ObjectBody body, String etag, Map<String, String> checksums) {
    }

    /**
     * Copies the whole source into a new body, decrypting it with {@code from} and encrypting it for {@code to} (either
     * null for none), computing (when asked) the MD5 and the named checksums of the plaintext on the way.
     */
    private Copied copyBytes(OpenedObject source, BodyCipher from, Envelopes.Sealed to, boolean withMd5,
            Set<String> algorithms) throws IOException {
        MessageDigest md5 = withMd5 ? ObjectUpload.md5() : null;
        Map<String, ChecksumDigest> digests = new LinkedHashMap<>();
        for (String name : algorithms) {
            ChecksumAlgorithm.fromName(name).ifPresent(a -> digests.put(a.name(), a.newDigest()));
        }
        long size = source.version().size();
        InputStream plaintext = ObjectEncryption.plaintext(engine, from, source, 0, size);
        InputStream digesting = new DigestingInputStream(plaintext, md5, digests.values(), Long.MAX_VALUE);
        try (InputStream stored = to == null ? digesting : to.cipher().encrypt(digesting, BodyCipher.SINGLE_PART);
                BodyWriter writer = engine.newBody(to == null ? size : to.cipher().layout().ciphertextLength(size))) {
            ObjectUpload.writeAll(stored, writer);
            ObjectBody body = writer.finish();
            Map<String, String> checksums = new LinkedHashMap<>();
            digests.forEach((name, digest) -> checksums.put(name, digest.base64()));
            return new Copied(body, md5 == null ? null : HexFormat.of().formatHex(md5.digest()), checksums);
        }
    }
}
