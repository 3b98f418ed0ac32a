package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.Bucket;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;

/** Looks up the bucket a request names. */
final class Buckets {

    private Buckets() {
    }

    /** @throws S3Exception NoSuchBucket */
    static Bucket require(Engine engine, String name) {
        return engine.bucket(name).orElseThrow(() ->
                new S3Exception(S3ErrorCode.NoSuchBucket, S3ErrorCode.NoSuchBucket.defaultMessage(), name));
    }
}
