package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.User;
import io.stowage.s3.access.AccessSettings;
import io.stowage.s3.acl.Acl;
import io.stowage.s3.acl.AclCodec;
import io.stowage.s3.acl.CannedAcl;
import io.stowage.s3.acl.ObjectOwnership;
import io.stowage.s3.acl.RequestedAcl;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;

/**
 * What a request that sets an ACL may set: the bucket's ownership controls and public access
 * block decide which ACLs get through, and grants may name only users that exist. Also gives
 * the owner and ACL of a new object.
 */
public final class AclRules {

    /** The owner a new object gets and its ACL as stored (null for the default). */
    record NewObject(String owner, String acl) {
    }

    private final Engine engine;
    private final AccessSettings settings;

    public AclRules(Engine engine, AccessSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /**
     * The owner and ACL of an object the request writes: the writer owns it, unless the bucket
     * prefers its owner and the request gives the bucket owner full control. Under
     * BucketOwnerEnforced no ACL is stored (the bucket owner owns every object as S3 shows it).
     */
    NewObject newObject(S3Request request, Bucket bucket) {
        String writer = request.caller().user();
        RequestedAcl requested = RequestedAcl.fromHeaders(request::header);
        if (requested == null) {
            return new NewObject(writer, null);
        }
        ObjectOwnership ownership = settings.ownership(bucket.name());
        String owner = ownership == ObjectOwnership.BUCKET_OWNER_PREFERRED
                && requested.canned() == CannedAcl.BUCKET_OWNER_FULL_CONTROL ? bucket.owner() : writer;
        Acl acl = requested.resolve(owner, bucket.owner());
        if (!check(bucket, ownership, requested.canned(), acl, false, owner)) {
            return new NewObject(writer, null);
        }
        return new NewObject(owner, stored(acl, owner));
    }

    /**
     * Checks an ACL a request sets on a bucket ({@code onBucket}) or an object owned by {@code owner}.
     *
     * @param canned the canned ACL it came from, or null for explicit grants
     * @return false when the bucket's ownership controls disable ACLs and this one is let through
     *     because it gives only what the bucket owner has anyway: there is nothing to store
     * @throws S3Exception AccessControlListNotSupported when ACLs are disabled, AccessDenied for a
     *     public ACL under BlockPublicAcls, InvalidArgument for a grant to a user that does not exist
     */
    boolean check(Bucket bucket, ObjectOwnership ownership, CannedAcl canned, Acl acl, boolean onBucket, String owner) {
        if (ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED) {
            boolean ownerOnly = canned == null
                    ? acl.equals(Acl.ownerFullControl(bucket.owner()))
                    : canned == CannedAcl.BUCKET_OWNER_FULL_CONTROL || onBucket && canned == CannedAcl.PRIVATE;
            if (!ownerOnly) {
                throw new S3Exception(S3ErrorCode.AccessControlListNotSupported);
            }
            return false;
        }
        if (acl.isPublic() && settings.publicAccessBlock(bucket.name()).blockPublicAcls()) {
            throw new S3Exception(S3ErrorCode.AccessDenied, "The bucket's public access block (BlockPublicAcls) refuses public ACLs");
        }
        requireUsers(acl, owner, bucket.owner());
        return true;
    }

    /** Every user a grant names must exist (or be the resource's owner or the bucket's). */
    void requireUsers(Acl acl, String owner, String bucketOwner) {
        IamState iam = engine.iam();
        acl.users().filter(u -> !u.equals(owner) && !u.equals(bucketOwner) && !u.equals(User.ROOT) && iam.user(u).isEmpty())
                .findFirst().ifPresent(u -> {
                    throw new S3Exception(S3ErrorCode.InvalidArgument, "Invalid id: there is no user '" + u + "'");
                });
    }

    /** The stored form of an ACL: null when it is the default for that owner. */
    static String stored(Acl acl, String owner) {
        return acl.equals(Acl.ownerFullControl(owner)) ? null : AclCodec.encode(acl);
    }
}
