package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.website.WebsiteConfiguration;
import java.io.IOException;

/** GetBucketWebsite, PutBucketWebsite and DeleteBucketWebsite. */
public final class WebsiteHandler {

    /** 50 routing rules with their keys and host names. */
    private static final int MAX_DOCUMENT = 128 * 1024;

    private final Engine engine;

    public WebsiteHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response get(S3Request request) {
        Buckets.require(engine, request.bucket());
        WebsiteConfiguration configuration = engine.bucketConfig(request.bucket(), BucketConfigKind.WEBSITE)
                .map(WebsiteConfiguration::decode)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NoSuchWebsiteConfiguration,
                        S3ErrorCode.NoSuchWebsiteConfiguration.defaultMessage(), request.bucket()));
        return S3Response.xml(200, configuration.toXml());
    }

    public S3Response put(S3Request request) throws IOException {
        Buckets.require(engine, request.bucket());
        WebsiteConfiguration configuration = WebsiteConfiguration.parse(RequestBodies.readSmall(request, MAX_DOCUMENT));
        engine.apply(new PutBucketConfig(request.bucket(), BucketConfigKind.WEBSITE, configuration.encode()));
        return S3Response.ok();
    }

    public S3Response delete(S3Request request) {
        Buckets.require(engine, request.bucket());
        engine.apply(new DeleteBucketConfig(request.bucket(), BucketConfigKind.WEBSITE));
        return S3Response.status(204);
    }
}
