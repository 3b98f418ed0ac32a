package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionIds;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import io.stowage.s3.sse.BodyCipher;
import io.stowage.s3.sse.Envelopes;
import java.util.Locale;

/** PutObject: the body is made durable first, then one command makes it the current version. */
public final class PutObjectHandler {

    private final Engine engine;
    private final AclRules acls;
    private final ObjectLockRules locks;
    private final Clock clock;
    private final ExpirationHeader expiration;
    private final ObjectEncryption encryption;

    public PutObjectHandler(Engine engine, AclRules acls, ObjectLockRules locks, Clock clock, ExpirationHeader expiration,
            ObjectEncryption encryption) {
        this.engine = engine;
        this.acls = acls;
        this.locks = locks;
        this.clock = clock;
        this.expiration = expiration;
        this.encryption = encryption;
    }

    public S3Response put(S3Request request) {
        return write(request, cipher -> ObjectUpload.receive(engine, request, ObjectUpload.MAX_SINGLE_PUT, cipher,
                BodyCipher.SINGLE_PART));
    }

    /**
     * Stores an object described by the request's headers (metadata, ACL, lock, tags, preconditions, encryption), its
     * bytes received by {@code body} (through the cipher, null for none) once those have been checked.
     */
    S3Response write(S3Request request, Function<BodyCipher, ObjectUpload.Received> body) {
        ObjectKeys.validate(request.key());
        WritePrecondition precondition = precondition(request);
        var metadataHeaders = ObjectMetadata.storedHeaders(request.headers());
        var userMetadata = ObjectMetadata.userMetadata(request.headers());
        Bucket bucket = Buckets.require(engine, request.bucket());
        AclRules.NewObject acl = acls.newObject(request, bucket);
        ObjectLock lock = locks.requested(request, bucket);
        Map<String, String> tags = RequestedTags.of(request);
        Envelopes.Sealed sealed = encryption.forWrite(request, bucket);
        ObjectUpload.Received received = body.apply(sealed == null ? null : sealed.cipher());
        long now = clock.millis();
        ObjectVersion version = new ObjectVersion(request.key(), VersionIds.next(), false, received.size(),
                received.etag(), now, acl.owner(), metadataHeaders, userMetadata,
                received.checksums(), received.body(), acl.acl()).withLock(locks.withDefaultRetention(lock, bucket, now))
                .withTags(tags).withEncryption(sealed == null ? null : sealed.envelope().encode());
        ObjectVersion stored;
        try {
            stored = engine.apply(new PutObject(request.bucket(), version, precondition));
        } catch (RuntimeException e) {
            engine.discard(received.body());
            throw e;
        }
        S3Response response = S3Response.ok().header("etag", ObjectReadHandler.quoted(stored.etag()));
        expiration.write(request, stored, response);
        ObjectEncryption.writeHeaders(stored.encryption(), response);
        StoredChecksums.values(stored.checksums()).forEach((algorithm, value) ->
                response.header("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT), value));
        if (!ObjectVersion.NULL_ID.equals(stored.versionId())) {
            response.header("x-amz-version-id", stored.versionId());
        }
        return response;
    }

    /** If-Match / If-None-Match: * of a write, checked by the engine atomically with it. */
    static WritePrecondition precondition(S3Request request) {
        String ifMatch = request.header("if-match");
        String ifNoneMatch = request.header("if-none-match");
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw new S3Exception(S3ErrorCode.NotImplemented, "If-None-Match on PUT supports only '*'");
        }
        if (ifMatch == null && ifNoneMatch == null) {
            return WritePrecondition.NONE;
        }
        return new WritePrecondition(ifMatch == null ? null : Preconditions.unquote(ifMatch), ifNoneMatch != null);
    }
}
