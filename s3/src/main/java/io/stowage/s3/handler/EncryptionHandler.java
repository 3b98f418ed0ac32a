package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.sse.BucketEncryption;
import java.io.IOException;

/** GetBucketEncryption, PutBucketEncryption and DeleteBucketEncryption: a bucket's default encryption. */
public final class EncryptionHandler {

    private static final int MAX_DOCUMENT = 4 * 1024;

    private final Engine engine;

    public EncryptionHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response get(S3Request request) {
        Buckets.require(engine, request.bucket());
        if (engine.bucketConfig(request.bucket(), BucketConfigKind.ENCRYPTION).isEmpty()) {
            throw new S3Exception(S3ErrorCode.ServerSideEncryptionConfigurationNotFoundError,
                    S3ErrorCode.ServerSideEncryptionConfigurationNotFoundError.defaultMessage(), request.bucket());
        }
        return S3Response.xml(200, BucketEncryption.toXml());
    }

    public S3Response put(S3Request request) throws IOException {
        Buckets.require(engine, request.bucket());
        String stored = BucketEncryption.parse(RequestBodies.readSmall(request, MAX_DOCUMENT));
        engine.apply(new PutBucketConfig(request.bucket(), BucketConfigKind.ENCRYPTION, stored));
        return S3Response.ok();
    }

    public S3Response delete(S3Request request) {
        Buckets.require(engine, request.bucket());
        engine.apply(new DeleteBucketConfig(request.bucket(), BucketConfigKind.ENCRYPTION));
        return S3Response.status(204);
    }
}
