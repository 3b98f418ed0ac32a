package io.stowage.s3.access;

import io.stowage.engine.Engine;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.acl.Acl;
import io.stowage.s3.acl.AclCodec;
import io.stowage.s3.acl.ObjectOwnership;
import io.stowage.s3.acl.PublicAccessBlock;

/**
 * A bucket's ACL-related settings as the engine stores them, with S3's defaults for what is not
 * set: ownership controls (ObjectWriter: ACLs count), public access block (nothing blocked) and
 * ACLs (the owner has full control).
 */
public final class AccessSettings {

    private final Engine engine;

    public AccessSettings(Engine engine) {
        this.engine = engine;
    }

    public ObjectOwnership ownership(String bucket) {
        return engine.bucketConfig(bucket, BucketConfigKind.OWNERSHIP_CONTROLS)
                .map(v -> ObjectOwnership.fromValue(v).orElseThrow(() -> new IllegalStateException("unknown stored object ownership " + v)))
                .orElse(ObjectOwnership.OBJECT_WRITER);
    }

    public PublicAccessBlock publicAccessBlock(String bucket) {
        return engine.bucketConfig(bucket, BucketConfigKind.PUBLIC_ACCESS_BLOCK).map(PublicAccessBlock::decode)
                .orElse(PublicAccessBlock.NONE);
    }

    public Acl bucketAcl(Bucket bucket) {
        return engine.bucketConfig(bucket.name(), BucketConfigKind.ACL).map(AclCodec::decode)
                .orElseGet(() -> Acl.ownerFullControl(bucket.owner()));
    }

    /** Who owns an object version as S3 shows it: under BucketOwnerEnforced, the bucket owner. */
    public static String objectOwner(ObjectVersion version, Bucket bucket, ObjectOwnership ownership) {
        return ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED ? bucket.owner() : version.owner();
    }

    /** An object version's ACL: under BucketOwnerEnforced only the bucket owner's full control. */
    public static Acl objectAcl(ObjectVersion version, Bucket bucket, ObjectOwnership ownership) {
        if (ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED || version.acl() == null) {
            return Acl.ownerFullControl(objectOwner(version, bucket, ownership));
        }
        return AclCodec.decode(version.acl());
    }
}
