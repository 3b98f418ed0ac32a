package io.stowage.s3.access;

import io.stowage.engine.model.Bucket;
import io.stowage.s3.router.S3Operation;

/** The authorizer bound to one request: what handlers check for resources beyond the request's own target. */
public final class RequestAccess {

    private final Authorizer authorizer;
    private final Caller caller;
    private final RequestFacts facts;

    public RequestAccess(Authorizer authorizer, Caller caller, RequestFacts facts) {
        this.authorizer = authorizer;
        this.caller = caller;
        this.facts = facts;
    }

    public Caller caller() {
        return caller;
    }

    /** @throws io.stowage.s3.error.S3Exception AccessDenied */
    public void check(S3Operation op, String bucket, String key) {
        check(op, bucket, key, null);
    }

    /**
     * @param versionId the object version whose ACL counts, or null for the current one
     * @throws io.stowage.s3.error.S3Exception AccessDenied
     */
    public void check(S3Operation op, String bucket, String key, String versionId) {
        authorizer.check(caller, op, bucket, key, versionId, facts);
    }

    /** Whether {@link #check} would let the caller through. */
    public boolean allows(S3Operation op, String bucket, String key, String versionId) {
        return authorizer.allows(caller, op, bucket, key, versionId, facts);
    }

    /** Whether the caller holds {@code action} on the bucket or object; see {@link Authorizer#permits}. */
    public boolean permits(String action, String bucket, String key) {
        return authorizer.permits(caller, action, bucket, key, facts);
    }

    public boolean canSee(Bucket bucket) {
        return authorizer.canSee(caller, bucket);
    }
}
