package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.SetObjectAcl;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.access.AccessSettings;
import io.stowage.s3.acl.AccessControlPolicyXml;
import io.stowage.s3.acl.Acl;
import io.stowage.s3.acl.CannedAcl;
import io.stowage.s3.acl.ObjectOwnership;
import io.stowage.s3.acl.RequestedAcl;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.io.IOException;

/**
 * GetBucketAcl, PutBucketAcl, GetObjectAcl and PutObjectAcl (with versionId). A PUT sets the ACL
 * with a canned ACL, grant headers or an AccessControlPolicy body, one of the three. A bucket's ACL
 * is a bucket configuration document; an object's is stored with its version.
 */
public final class AclHandler {

    /** 100 grants with long names fit well within this. */
    private static final int MAX_DOCUMENT = 64 * 1024;

    private final Engine engine;
    private final AccessSettings settings;
    private final AclRules rules;

    public AclHandler(Engine engine, AccessSettings settings, AclRules rules) {
        this.engine = engine;
        this.settings = settings;
        this.rules = rules;
    }

    public S3Response get(S3Request request) {
        Bucket bucket = Buckets.require(engine, request.bucket());
        if (request.key() == null) {
            return S3Response.xml(200, AccessControlPolicyXml.render(bucket.owner(), settings.bucketAcl(bucket)));
        }
        ObjectVersion version = existingVersion(request);
        ObjectOwnership ownership = settings.ownership(bucket.name());
        return S3Response.xml(200, AccessControlPolicyXml.render(AccessSettings.objectOwner(version, bucket, ownership),
                AccessSettings.objectAcl(version, bucket, ownership)));
    }

    public S3Response put(S3Request request) throws IOException {
        Bucket bucket = Buckets.require(engine, request.bucket());
        ObjectOwnership ownership = settings.ownership(bucket.name());
        ObjectVersion version = request.key() == null ? null : existingVersion(request);
        String owner = version == null ? bucket.owner() : AccessSettings.objectOwner(version, bucket, ownership);
        RequestedAcl requested = RequestedAcl.fromHeaders(request::header);
        boolean hasBody = request.contentLength() > 0 || request.headers().contains("transfer-encoding");
        CannedAcl canned = null;
        Acl acl;
        if (requested != null) {
            if (hasBody) {
                throw new S3Exception(S3ErrorCode.UnexpectedContent);
            }
            canned = requested.canned();
            acl = requested.resolve(owner, bucket.owner());
        } else if (hasBody) {
            AccessControlPolicyXml.Parsed parsed = AccessControlPolicyXml.parse(RequestBodies.readSmall(request, MAX_DOCUMENT));
            if (!parsed.ownerId().equals(owner)) {
                throw new S3Exception(S3ErrorCode.AccessDenied, "The ACL's Owner must be the current owner, " + owner);
            }
            acl = parsed.acl();
        } else {
            throw new S3Exception(S3ErrorCode.MissingSecurityHeader,
                    "Your request was missing a required header: x-amz-acl, x-amz-grant-* or an AccessControlPolicy body");
        }
        if (!rules.check(bucket, ownership, canned, acl, version == null, owner)) {
            return S3Response.ok();
        }
        String stored = AclRules.stored(acl, owner);
        if (version != null) {
            engine.apply(new SetObjectAcl(bucket.name(), request.key(), request.param("versionId"), stored));
        } else if (stored == null) {
            engine.apply(new DeleteBucketConfig(bucket.name(), BucketConfigKind.ACL));
        } else {
            engine.apply(new PutBucketConfig(bucket.name(), BucketConfigKind.ACL, stored));
        }
        return S3Response.ok();
    }

    private ObjectVersion existingVersion(S3Request request) {
        ObjectVersion version = engine.object(request.bucket(), request.key(), request.param("versionId"));
        if (version.deleteMarker()) {
            throw new S3Exception(S3ErrorCode.NoSuchKey, S3ErrorCode.NoSuchKey.defaultMessage(), request.key());
        }
        return version;
    }
}
