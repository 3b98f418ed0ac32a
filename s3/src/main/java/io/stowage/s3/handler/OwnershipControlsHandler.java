package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.access.AccessSettings;
import io.stowage.s3.acl.Acl;
import io.stowage.s3.acl.ObjectOwnership;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.io.IOException;
import java.util.List;

/**
 * GetBucketOwnershipControls, PutBucketOwnershipControls and DeleteBucketOwnershipControls. The
 * setting is stored as its S3 name; a bucket without one behaves as ObjectWriter.
 */
public final class OwnershipControlsHandler {

    private static final int MAX_DOCUMENT = 4 * 1024;

    private final Engine engine;
    private final AccessSettings settings;

    public OwnershipControlsHandler(Engine engine, AccessSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    public S3Response get(S3Request request) {
        Buckets.require(engine, request.bucket());
        String ownership = engine.bucketConfig(request.bucket(), BucketConfigKind.OWNERSHIP_CONTROLS)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.OwnershipControlsNotFoundError,
                        S3ErrorCode.OwnershipControlsNotFoundError.defaultMessage(), request.bucket()));
        byte[] xml = new XmlWriter().root("OwnershipControls").start("Rule").element("ObjectOwnership", ownership)
                .end("Rule").end("OwnershipControls").toBytes();
        return S3Response.xml(200, xml);
    }

    /** @throws S3Exception InvalidBucketAclWithObjectOwnership when enforcing ownership while the bucket ACL grants to others */
    public S3Response put(S3Request request) throws IOException {
        Bucket bucket = Buckets.require(engine, request.bucket());
        ObjectOwnership ownership = parse(RequestBodies.readSmall(request, MAX_DOCUMENT));
        if (ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED && !settings.bucketAcl(bucket).equals(Acl.ownerFullControl(bucket.owner()))) {
            throw new S3Exception(S3ErrorCode.InvalidBucketAclWithObjectOwnership);
        }
        engine.apply(new PutBucketConfig(bucket.name(), BucketConfigKind.OWNERSHIP_CONTROLS, ownership.value()));
        return S3Response.ok();
    }

    public S3Response delete(S3Request request) {
        Buckets.require(engine, request.bucket());
        engine.apply(new DeleteBucketConfig(request.bucket(), BucketConfigKind.OWNERSHIP_CONTROLS));
        return S3Response.status(204);
    }

    /** An OwnershipControls document: exactly one Rule naming a known ObjectOwnership. */
    static ObjectOwnership parse(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        List<XmlElement> rules = root.children("Rule");
        if (!root.name().equals("OwnershipControls") || rules.size() != 1) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        String value = rules.getFirst().childText("ObjectOwnership");
        return ObjectOwnership.fromValue(value == null ? "" : value.strip())
                .orElseThrow(() -> new S3Exception(S3ErrorCode.MalformedXML));
    }
}
