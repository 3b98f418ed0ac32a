package io.stowage.engine.iam.policy;

import io.stowage.engine.error.MalformedPolicyException;
import java.nio.charset.StandardCharsets;

/**
 * A bucket policy, parsed and checked against S3's PutBucketPolicy rules: what it decides for a
 * request, and whether it makes the bucket public. Immutable; safe to share between threads.
 * The policy's text is stored as given; this is only its meaning.
 */
public final class BucketPolicy {

    /** AWS's limit on a bucket policy's size, in bytes of its UTF-8 text. */
    public static final int MAX_BYTES = 20 * 1024;

    private final PolicyDocument document;
    private final boolean isPublic;

    private BucketPolicy(PolicyDocument document) {
        this.document = document;
        this.isPublic = PublicPolicyCheck.isPublic(document);
    }

    /**
     * @param json the policy as the client sent it
     * @param bucket the bucket it is for: every Resource must lie within it
     * @throws MalformedPolicyException saying what is wrong and where
     */
    public static BucketPolicy parse(String json, String bucket) {
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) {
            throw new MalformedPolicyException("The policy is " + size + " bytes; bucket policies are limited to "
                    + MAX_BYTES + " bytes (20 KiB)", bucket);
        }
        return new BucketPolicy(new PolicyParser(bucket).parse(json));
    }

    public Decision evaluate(AccessRequest request) {
        return PolicyEvaluator.evaluate(document, request);
    }

    /** Whether the policy grants access to everyone in the sense of S3 Block Public Access. */
    public boolean isPublic() {
        return isPublic;
    }
}
