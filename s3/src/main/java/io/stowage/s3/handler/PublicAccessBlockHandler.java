package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.acl.PublicAccessBlock;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.io.IOException;

/** GetPublicAccessBlock, PutPublicAccessBlock and DeletePublicAccessBlock of a bucket. */
public final class PublicAccessBlockHandler {

    private static final int MAX_DOCUMENT = 4 * 1024;

    private final Engine engine;

    public PublicAccessBlockHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response get(S3Request request) {
        Buckets.require(engine, request.bucket());
        PublicAccessBlock block = engine.bucketConfig(request.bucket(), BucketConfigKind.PUBLIC_ACCESS_BLOCK)
                .map(PublicAccessBlock::decode)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NoSuchPublicAccessBlockConfiguration,
                        S3ErrorCode.NoSuchPublicAccessBlockConfiguration.defaultMessage(), request.bucket()));
        return S3Response.xml(200, block.toXml());
    }

    public S3Response put(S3Request request) throws IOException {
        Buckets.require(engine, request.bucket());
        PublicAccessBlock block = PublicAccessBlock.parseXml(RequestBodies.readSmall(request, MAX_DOCUMENT));
        engine.apply(new PutBucketConfig(request.bucket(), BucketConfigKind.PUBLIC_ACCESS_BLOCK, block.encode()));
        return S3Response.ok();
    }

    public S3Response delete(S3Request request) {
        Buckets.require(engine, request.bucket());
        engine.apply(new DeleteBucketConfig(request.bucket(), BucketConfigKind.PUBLIC_ACCESS_BLOCK));
        return S3Response.status(204);
    }
}
