package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.lifecycle.LifecycleConfiguration;
import io.stowage.s3.lifecycle.LifecycleValidator;
import io.stowage.s3.lifecycle.LifecycleXmlReader;
import io.stowage.s3.lifecycle.LifecycleXmlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * GetBucketLifecycleConfiguration, PutBucketLifecycleConfiguration and DeleteBucketLifecycle. The bucket stores the
 * configuration as the document Get answers, rule ids generated where the request gave none.
 */
public final class LifecycleHandler {

    /** Room for the 1000 rules AWS allows, each with long prefixes and tags. */
    private static final int MAX_DOCUMENT = 2 * 1024 * 1024;

    private final Engine engine;

    public LifecycleHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response get(S3Request request) {
        Buckets.require(engine, request.bucket());
        String document = engine.bucketConfig(request.bucket(), BucketConfigKind.LIFECYCLE)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NoSuchLifecycleConfiguration,
                        S3ErrorCode.NoSuchLifecycleConfiguration.defaultMessage(), request.bucket()));
        return S3Response.xml(200, document.getBytes(StandardCharsets.UTF_8));
    }

    public S3Response put(S3Request request) throws IOException {
        Buckets.require(engine, request.bucket());
        LifecycleConfiguration configuration = LifecycleXmlReader.read(RequestBodies.readSmall(request, MAX_DOCUMENT));
        LifecycleValidator.validate(configuration);
        String document = new String(LifecycleXmlWriter.write(configuration), StandardCharsets.UTF_8);
        engine.apply(new PutBucketConfig(request.bucket(), BucketConfigKind.LIFECYCLE, document));
        return S3Response.ok();
    }

    /** Removes the configuration, and with it where the lifecycle worker stopped in the bucket. */
    public S3Response delete(S3Request request) {
        Buckets.require(engine, request.bucket());
        engine.apply(new DeleteBucketConfig(request.bucket(), BucketConfigKind.LIFECYCLE));
        engine.apply(new DeleteBucketConfig(request.bucket(), BucketConfigKind.LIFECYCLE_CURSOR));
        return S3Response.status(204);
    }
}
