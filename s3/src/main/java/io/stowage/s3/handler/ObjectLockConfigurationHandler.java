package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.io.IOException;

/**
 * GetObjectLockConfiguration and PutObjectLockConfiguration of a bucket. Object lock itself is turned on only when
 * a bucket is created; a configuration sets the default retention of a bucket that has it.
 */
public final class ObjectLockConfigurationHandler {

    private static final int MAX_DOCUMENT = 4 * 1024;

    private final Engine engine;
    private final ObjectLockRules rules;

    public ObjectLockConfigurationHandler(Engine engine, ObjectLockRules rules) {
        this.engine = engine;
        this.rules = rules;
    }

    public S3Response get(S3Request request) {
        Bucket bucket = Buckets.require(engine, request.bucket());
        if (!bucket.objectLockEnabled()) {
            throw new S3Exception(S3ErrorCode.ObjectLockConfigurationNotFoundError,
                    S3ErrorCode.ObjectLockConfigurationNotFoundError.defaultMessage(), bucket.name());
        }
        return S3Response.xml(200, rules.configuration(bucket).toXml());
    }

    public S3Response put(S3Request request) throws IOException {
        Bucket bucket = Buckets.require(engine, request.bucket());
        if (!bucket.objectLockEnabled()) {
            throw new S3Exception(S3ErrorCode.InvalidBucketState, "Object Lock configuration cannot be enabled on existing"
                    + " buckets: Stowage turns object lock on only when a bucket is created with"
                    + " x-amz-bucket-object-lock-enabled: true.", bucket.name());
        }
        ObjectLockConfiguration configuration = ObjectLockConfiguration.parseXml(RequestBodies.readSmall(request, MAX_DOCUMENT));
        engine.apply(new PutBucketConfig(bucket.name(), BucketConfigKind.OBJECT_LOCK, configuration.encode()));
        return S3Response.ok();
    }
}
