package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlWriter;

/**
 * ACLs, as S3 has had them since object ownership became "bucket owner enforced": every bucket
 * and object is private to its owner, who has FULL_CONTROL. Reading that ACL works (clients such
 * as s3cmd ask for it); setting any ACL other than the canned "private" is refused. Access is
 * granted through users, grants and bucket policies instead.
 */
public final class AclHandler {

    private final Engine engine;

    public AclHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response get(S3Request request) {
        String owner;
        if (request.key() == null) {
            owner = Buckets.require(engine, request.bucket()).owner();
        } else {
            ObjectVersion v = engine.object(request.bucket(), request.key(), request.param("versionId"));
            if (v.deleteMarker()) {
                throw new S3Exception(S3ErrorCode.NoSuchKey, S3ErrorCode.NoSuchKey.defaultMessage(), request.key());
            }
            owner = v.owner();
        }
        XmlWriter xml = new XmlWriter().root("AccessControlPolicy");
        ListingHandler.owner(xml, owner);
        xml.start("AccessControlList").start("Grant")
                .start("Grantee", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", "xsi:type", "CanonicalUser")
                .element("ID", owner).element("DisplayName", owner).end("Grantee")
                .element("Permission", "FULL_CONTROL")
                .end("Grant").end("AccessControlList");
        return S3Response.xml(200, xml.end("AccessControlPolicy").toBytes());
    }

    public S3Response put(S3Request request) {
        String canned = request.header("x-amz-acl");
        boolean hasBody = request.contentLength() > 0 || request.headers().contains("transfer-encoding");
        if (!"private".equals(canned == null ? null : canned.trim()) || hasBody
                || request.headers().names().stream().anyMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-grant-"))) {
            throw new S3Exception(S3ErrorCode.NotImplemented,
                    "Only the canned ACL 'private' is supported; grant access with bucket policies instead");
        }
        if (request.key() == null) {
            Buckets.require(engine, request.bucket());
        } else {
            engine.object(request.bucket(), request.key(), request.param("versionId"));
        }
        return S3Response.ok();
    }
}
