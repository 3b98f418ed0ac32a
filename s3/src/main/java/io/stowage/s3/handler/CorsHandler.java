package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.cors.CorsConfiguration;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.io.IOException;

/** GetBucketCors, PutBucketCors and DeleteBucketCors. */
public final class CorsHandler {

    /** 100 rules with their origins, methods and headers. */
    private static final int MAX_DOCUMENT = 64 * 1024;

    private final Engine engine;

    public CorsHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response get(S3Request request) {
        Buckets.require(engine, request.bucket());
        CorsConfiguration configuration = engine.bucketConfig(request.bucket(), BucketConfigKind.CORS)
                .map(CorsConfiguration::decode)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NoSuchCORSConfiguration,
                        S3ErrorCode.NoSuchCORSConfiguration.defaultMessage(), request.bucket()));
        return S3Response.xml(200, configuration.toXml());
    }

    public S3Response put(S3Request request) throws IOException {
        Buckets.require(engine, request.bucket());
        CorsConfiguration configuration = CorsConfiguration.parse(RequestBodies.readSmall(request, MAX_DOCUMENT));
        engine.apply(new PutBucketConfig(request.bucket(), BucketConfigKind.CORS, configuration.encode()));
        return S3Response.ok();
    }

    public S3Response delete(S3Request request) {
        Buckets.require(engine, request.bucket());
        engine.apply(new DeleteBucketConfig(request.bucket(), BucketConfigKind.CORS));
        return S3Response.status(204);
    }
}
