package io.stowage.engine.iam.policy;

import java.util.Objects;

/**
 * One request as a policy evaluates it.
 *
 * @param principal who makes it
 * @param action the IAM action it needs, such as "s3:GetObject"
 * @param resource the ARN it acts on: {@link #bucketArn} or {@link #objectArn}
 * @param context its condition keys
 */
public record AccessRequest(Principal principal, String action, String resource, RequestContext context) {

    private static final String S3_ARN_PREFIX = "arn:aws:s3:::";

    public AccessRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(context, "context");
    }

    public static String bucketArn(String bucket) {
        return S3_ARN_PREFIX + bucket;
    }

    public static String objectArn(String bucket, String key) {
        return S3_ARN_PREFIX + bucket + "/" + key;
    }
}
