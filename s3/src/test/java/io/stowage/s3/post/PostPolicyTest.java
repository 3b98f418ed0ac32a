package io.stowage.s3.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PostPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String POLICY = """
            {"expiration": "2026-11-22T13:00:00.000Z",
             "conditions": [{"bucket": "photos"}, ["starts-with", "$key", "user/alice/"], {"acl": "private"},
                            ["starts-with", "$Content-Type", "image/"], ["content-length-range", 10, 1000],
                            {"x-amz-credential": "AK/20261122/us-east-1/s3/aws4_request"},
                            {"x-amz-algorithm": "AWS4-HMAC-SHA256"}, {"x-amz-date": "20261122T120000Z"}]}""";

    @Test
    void aFormMeetingEveryConditionPasses() {
        PostPolicy policy = parse(POLICY);
        policy.check(fields(), "photos", NOW);
        assertThat(policy.maxLength()).isEqualTo(1000);
        policy.checkLength(10);
        policy.checkLength(1000);
        assertError(() -> policy.checkLength(9), S3ErrorCode.EntityTooSmall);
        assertError(() -> policy.checkLength(1001), S3ErrorCode.EntityTooLarge);
    }

    @Test
    void anExpiredPolicyOrAFailedConditionIsAccessDenied() {
        PostPolicy policy = parse(POLICY);
        assertError(() -> policy.check(fields(), "photos", Instant.parse("2026-11-22T13:00:00Z")), S3ErrorCode.AccessDenied);
        Map<String, String> otherKey = fields();
        otherKey.put("key", "user/bob/x.jpg");
        assertError(() -> policy.check(otherKey, "photos", NOW), S3ErrorCode.AccessDenied);
        assertError(() -> policy.check(fields(), "other-bucket", NOW), S3ErrorCode.AccessDenied);
    }

    @Test
    void aFieldThePolicyDoesNotNameIsRefusedButIgnoredFieldsAndTheSignatureAreNot() {
        PostPolicy policy = parse(POLICY);
        Map<String, String> extra = fields();
        extra.put("x-amz-meta-color", "red");
        assertThatThrownBy(() -> policy.check(extra, "photos", NOW)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.getMessage()).contains("Extra input fields: x-amz-meta-color"));
        Map<String, String> ignored = fields();
        ignored.put("x-ignore-tracking", "1");
        ignored.put("x-amz-signature", "abc");
        ignored.put("policy", "...");
        policy.check(ignored, "photos", NOW);
    }

    @Test
    void malformedPoliciesAreInvalidPolicyDocuments() {
        assertError(() -> PostPolicy.parse("not base64!"), S3ErrorCode.InvalidPolicyDocument);
        assertError(() -> parse("{\"conditions\": []}"), S3ErrorCode.InvalidPolicyDocument);
        assertError(() -> parse("{\"expiration\": \"tomorrow\", \"conditions\": []}"), S3ErrorCode.InvalidPolicyDocument);
        assertError(() -> parse("{\"expiration\": \"2026-11-22T13:00:00Z\", \"conditions\": [[\"lt\", \"$key\", \"a\"]]}"),
                S3ErrorCode.InvalidPolicyDocument);
        assertError(() -> parse("{\"expiration\": \"2026-11-22T13:00:00Z\", \"conditions\": [[\"content-length-range\", -1, 5]]}"),
                S3ErrorCode.InvalidPolicyDocument);
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "user/alice/cat.jpg");
        fields.put("acl", "private");
        fields.put("content-type", "image/jpeg");
        fields.put("x-amz-credential", "AK/20261122/us-east-1/s3/aws4_request");
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-date", "20261122T120000Z");
        fields.put("bucket", "photos");
        return fields;
    }

    private static PostPolicy parse(String json) {
        return PostPolicy.parse(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertError(ThrowingCallable call, S3ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
