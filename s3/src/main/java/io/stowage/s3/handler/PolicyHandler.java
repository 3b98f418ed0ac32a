package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.iam.policy.BucketPolicy;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.s3.access.AccessSettings;
import io.stowage.s3.access.PolicyCache;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.ResponseBody;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy and GetBucketPolicyStatus. The status
 * reports the policy alone, as S3's does: ACLs and the public access block do not change it.
 */
public final class PolicyHandler {

    private final Engine engine;
    private final PolicyCache policies;
    private final AccessSettings settings;

    public PolicyHandler(Engine engine, PolicyCache policies, AccessSettings settings) {
        this.engine = engine;
        this.policies = policies;
        this.settings = settings;
    }

    public S3Response put(S3Request request) throws IOException {
        Buckets.require(engine, request.bucket());
        String text = new String(RequestBodies.readSmall(request, BucketPolicy.MAX_BYTES), StandardCharsets.UTF_8);
        BucketPolicy policy = BucketPolicy.parse(text, request.bucket()); // MalformedPolicy, saying what is wrong
        if (policy.isPublic() && settings.publicAccessBlock(request.bucket()).blockPublicPolicy()) {
            throw new S3Exception(S3ErrorCode.AccessDenied,
                    "The bucket's public access block (BlockPublicPolicy) refuses public policies");
        }
        engine.apply(new PutBucketConfig(request.bucket(), BucketConfigKind.POLICY, text));
        return S3Response.status(204);
    }

    public S3Response get(S3Request request) {
        Buckets.require(engine, request.bucket());
        String text = engine.bucketConfig(request.bucket(), BucketConfigKind.POLICY)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NoSuchBucketPolicy,
                        S3ErrorCode.NoSuchBucketPolicy.defaultMessage(), request.bucket()));
        return S3Response.status(200).header("content-type", "application/json")
                .body(new ResponseBody.Bytes(text.getBytes(StandardCharsets.UTF_8)));
    }

    public S3Response delete(S3Request request) {
        Buckets.require(engine, request.bucket());
        engine.apply(new DeleteBucketConfig(request.bucket(), BucketConfigKind.POLICY));
        return S3Response.status(204);
    }

    public S3Response status(S3Request request) {
        Buckets.require(engine, request.bucket());
        BucketPolicy policy = policies.policy(request.bucket())
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NoSuchBucketPolicy,
                        S3ErrorCode.NoSuchBucketPolicy.defaultMessage(), request.bucket()));
        byte[] xml = new XmlWriter().root("PolicyStatus").element("IsPublic", policy.isPublic())
                .end("PolicyStatus").toBytes();
        return S3Response.xml(200, xml);
    }
}
