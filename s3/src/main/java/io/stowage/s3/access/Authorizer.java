package io.stowage.s3.access;

import io.stowage.engine.Engine;
import io.stowage.engine.iam.policy.AccessRequest;
import io.stowage.engine.iam.policy.BucketPolicy;
import io.stowage.engine.iam.policy.Decision;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.S3Operation;
import io.stowage.s3.router.S3Operation.AccessKind;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a caller may perform an operation on a bucket or object, in this order:
 * <ol>
 * <li>anonymous callers reach only what the bucket policy or a public ACL allows;
 * <li>an explicit Deny in the bucket policy refuses everyone but admins;
 * <li>admins (acting with full rights) may do everything;
 * <li>a scoped key reaches only its own grants;
 * <li>otherwise the bucket's owner, the user's grants, an Allow in the bucket policy (unless the
 * policy is public and the bucket's public access block restricts public buckets), or the
 * bucket's and object's ACLs (see {@link AclAccess}) admit it.
 * </ol>
 */
public final class Authorizer {

    private final Engine engine;
    private final PolicyCache policies;
    private final AccessSettings settings;
    private final AclAccess acls;

    public Authorizer(Engine engine, PolicyCache policies, AccessSettings settings) {
        this.engine = engine;
        this.policies = policies;
        this.settings = settings;
        this.acls = new AclAccess(engine, settings);
    }

    /**
     * @param key the object, or null for the bucket itself
     * @param versionId the object's version whose ACL counts, or null for the current one
     * @throws S3Exception AccessDenied
     */
    public void check(Caller caller, S3Operation op, String bucket, String key, String versionId, RequestFacts facts) {
        if (!allows(caller, op, bucket, key, versionId, facts)) {
            throw new S3Exception(S3ErrorCode.AccessDenied);
        }
    }

    /**
     * Whether the caller holds a permission that no operation stands for, such as s3:BypassGovernanceRetention: admins
     * and the bucket's owner do, others only through an Allow of the bucket policy; an explicit Deny refuses all but
     * admins. Grants and ACLs never give one.
     */
    public boolean permits(Caller caller, String action, String bucketName, String key, RequestFacts facts) {
        if (caller.administers()) {
            return true;
        }
        Optional<Bucket> bucket = engine.bucket(bucketName);
        if (bucket.isEmpty()) {
            return false;
        }
        String resource = key == null ? AccessRequest.bucketArn(bucketName) : AccessRequest.objectArn(bucketName, key);
        Decision decision = policies.policy(bucketName)
                .map(p -> p.evaluate(new AccessRequest(caller.policyPrincipal(), action, resource, facts.context(caller, false))))
                .orElse(Decision.NONE);
        if (decision == Decision.DENY) {
            return false;
        }
        boolean owner = !caller.anonymous() && !caller.scoped() && bucket.get().owner().equals(caller.user());
        return owner || decision == Decision.ALLOW && !caller.scoped();
    }

    /** Whether ListBuckets shows this bucket to the caller. */
    public boolean canSee(Caller caller, Bucket bucket) {
        if (caller.administers()) {
            return true;
        }
        if (caller.scoped()) {
            return caller.scope().stream().anyMatch(g -> g.bucket().equals(bucket.name()));
        }
        return bucket.owner().equals(caller.user()) || userGrants(caller).stream().anyMatch(g -> g.bucket().equals(bucket.name()));
    }

    /** Whether {@link #check} lets the caller through. */
    public boolean allows(Caller caller, S3Operation op, String bucketName, String key, String versionId, RequestFacts facts) {
        AccessKind kind = op.kind();
        if (kind == AccessKind.SERVICE) {
            return !caller.anonymous();
        }
        if (kind == AccessKind.CREATE_BUCKET) {
            return !caller.anonymous() && !caller.scoped();
        }
        Optional<Bucket> bucket = engine.bucket(bucketName);
        if (bucket.isEmpty()) {
            return true; // nothing to protect: the handler answers NoSuchBucket
        }
        Optional<BucketPolicy> policy = policies.policy(bucketName);
        Decision decision = policy.map(p -> policyDecision(p, caller, op, bucketName, key, versionId, facts))
                .orElse(Decision.NONE);
        if (caller.administers()) {
            return true;
        }
        if (decision == Decision.DENY) {
            return false;
        }
        if (caller.scoped()) {
            return covered(caller.scope(), op, bucketName, key, facts);
        }
        if (!caller.anonymous() && (bucket.get().owner().equals(caller.user()) || covered(userGrants(caller), op, bucketName, key, facts))) {
            return true;
        }
        if (decision == Decision.ALLOW
                && !(policy.get().isPublic() && settings.publicAccessBlock(bucketName).restrictPublicBuckets())) {
            return true;
        }
        return acls.allows(caller, op, bucket.get(), key, versionId);
    }

    private static Decision policyDecision(BucketPolicy policy, Caller caller, S3Operation op, String bucket, String key,
            String versionId, RequestFacts facts) {
        String resource = key == null ? AccessRequest.bucketArn(bucket) : AccessRequest.objectArn(bucket, key);
        boolean listing = op == S3Operation.LIST_OBJECTS || op == S3Operation.LIST_OBJECTS_V2
                || op == S3Operation.LIST_OBJECT_VERSIONS;
        return policy.evaluate(new AccessRequest(caller.policyPrincipal(), op.action(versionId), resource,
                facts.context(caller, listing)));
    }

    private List<Grant> userGrants(Caller caller) {
        return engine.iam().grants(GrantSubject.user(caller.user()));
    }

    /**
     * Whether a grant gives the access {@code kind} needs. For an object, the grant's prefix must
     * cover its key; for a listing, the listing's prefix must lie within the grant's prefix.
     */
    private static boolean covered(List<Grant> grants, S3Operation op, String bucket, String key, RequestFacts facts) {
        for (Grant grant : grants) {
            if (!grant.bucket().equals(bucket) || !gives(grant, op.kind())) {
                continue;
            }
            if (key != null ? grant.covers(key) : coversBucketLevel(grant, op, facts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean gives(Grant grant, AccessKind kind) {
        return switch (kind) {
            case READ -> grant.access().canRead();
            case WRITE -> grant.access().canWrite();
            case ANY -> true;
            case OWNER, SERVICE, CREATE_BUCKET -> false;
        };
    }

    private static boolean coversBucketLevel(Grant grant, S3Operation op, RequestFacts facts) {
        // DeleteObjects names its keys in the body: the handler checks each one
        if (grant.prefix().isEmpty() || op.kind() == AccessKind.ANY || op == S3Operation.DELETE_OBJECTS) {
            return true;
        }
        String prefix = facts.query().first("prefix");
        return prefix != null && prefix.startsWith(grant.prefix());
    }
}
