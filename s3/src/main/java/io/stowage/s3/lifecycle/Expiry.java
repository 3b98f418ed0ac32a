package io.stowage.s3.lifecycle;

/** When a current version expires and by which rule: what x-amz-expiration tells. */
public record Expiry(long atMillis, String ruleId) {
}
