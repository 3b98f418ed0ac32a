package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.iam.policy.BucketPolicy;
import io.stowage.engine.model.BucketConfigKind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bucket policies: /admin/v1/buckets/{name}/policy, the same documents S3's PutBucketPolicy takes. */
final class PolicyHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyHandler.class);

    private final Engine engine;

    PolicyHandler(Engine engine) {
        this.engine = engine;
    }

    /** Stores the policy as given once it parses under S3's rules; a malformed one is 400 saying what is wrong. */
    AdminResponse put(String bucket, byte[] body) {
        requireBucket(bucket);
        String text = utf8(body);
        BucketPolicy.parse(text, bucket);
        engine.apply(new PutBucketConfig(bucket, BucketConfigKind.POLICY, text));
        LOG.info("Set the policy of bucket {}", bucket);
        return AdminResponse.noContent();
    }

    AdminResponse get(String bucket) {
        requireBucket(bucket);
        String text = engine.bucketConfig(bucket, BucketConfigKind.POLICY)
                .orElseThrow(() -> AdminException.notFound("bucket " + bucket + " has no policy"));
        return new AdminResponse(200, AdminResponse.JSON, text.getBytes(StandardCharsets.UTF_8));
    }

    AdminResponse delete(String bucket) {
        engine.apply(new DeleteBucketConfig(bucket, BucketConfigKind.POLICY));
        LOG.info("Deleted the policy of bucket {}", bucket);
        return AdminResponse.noContent();
    }

    private void requireBucket(String bucket) {
        if (engine.bucket(bucket).isEmpty()) {
            throw AdminException.notFound("bucket " + bucket + " does not exist");
        }
    }

    private static String utf8(byte[] body) {
        if (body.length == 0) {
            throw AdminException.invalid("the request needs the policy document as its body");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw AdminException.invalid("the policy is not UTF-8 text");
        }
    }
}
