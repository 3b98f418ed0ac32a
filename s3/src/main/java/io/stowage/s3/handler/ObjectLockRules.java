package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.S3Operation;
import java.time.Clock;

/**
 * What object lock asks of requests: which lock a new object gets (the one its request asks for, else the bucket's
 * default retention), that lock requests go to buckets with object lock, and which version they are about.
 */
public final class ObjectLockRules {

    private final Engine engine;
    private final Clock clock;

    public ObjectLockRules(Engine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * The lock a write's x-amz-object-lock-* headers ask for, checked before the body is received. Setting a
     * retention needs s3:PutObjectRetention and setting a legal hold s3:PutObjectLegalHold, as in S3.
     *
     * @throws S3Exception InvalidRequest when the bucket has no object lock; InvalidArgument for bad headers;
     *     AccessDenied
     */
    ObjectLock requested(S3Request request, Bucket bucket) {
        if (!ObjectLockHeaders.present(request.headers())) {
            return ObjectLock.NONE;
        }
        requireEnabled(bucket);
        ObjectLockHeaders.Requested requested = ObjectLockHeaders.parse(request.headers(), clock.millis());
        if (requested.retention().mode() != null) {
            request.access().check(S3Operation.PUT_OBJECT_RETENTION, bucket.name(), request.key());
        }
        if (requested.legalHold() != null) {
            request.access().check(S3Operation.PUT_OBJECT_LEGAL_HOLD, bucket.name(), request.key());
        }
        ObjectRetention retention = requested.retention();
        return new ObjectLock(retention.mode(), retention.retainUntilMillis(), Boolean.TRUE.equals(requested.legalHold()),
                requested.legalHold() != null);
    }

    /** {@code lock} with the bucket's default retention, counted from {@code writtenMillis}, when it has none. */
    ObjectLock withDefaultRetention(ObjectLock lock, Bucket bucket, long writtenMillis) {
        if (lock.mode() != null || !bucket.objectLockEnabled()) {
            return lock;
        }
        ObjectLockConfiguration.DefaultRetention rule = configuration(bucket).defaultRetention();
        return rule == null ? lock : lock.withRetention(rule.mode(), rule.retainUntil(writtenMillis));
    }

    /** The configuration of a bucket with object lock. */
    ObjectLockConfiguration configuration(Bucket bucket) {
        return engine.bucketConfig(bucket.name(), BucketConfigKind.OBJECT_LOCK)
                .map(ObjectLockConfiguration::decode)
                .orElse(ObjectLockConfiguration.ENABLED);
    }

    /** @throws S3Exception InvalidRequest when the bucket was not created with object lock */
    static void requireEnabled(Bucket bucket) {
        if (!bucket.objectLockEnabled()) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "Bucket is missing Object Lock Configuration", bucket.name());
        }
    }

    /**
     * The version a Get/PutObjectRetention or Get/PutObjectLegalHold request is about.
     *
     * @throws S3Exception NoSuchBucket; InvalidRequest without object lock; NoSuchKey, NoSuchVersion, or for a
     *     delete marker NoSuchKey (the current version) or MethodNotAllowed (named by its id)
     */
    ObjectVersion target(S3Request request) {
        requireEnabled(Buckets.require(engine, request.bucket()));
        ObjectVersion version = engine.object(request.bucket(), request.key(), request.param("versionId"));
        if (version.deleteMarker()) {
            throw ObjectReadHandler.deleteMarker(request, version);
        }
        return version;
    }
}
