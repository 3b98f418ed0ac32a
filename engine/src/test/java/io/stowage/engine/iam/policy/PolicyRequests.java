package io.stowage.engine.iam.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test DSL: policies for the bucket "photos" and requests against it, read as sentences:
 * {@code request("s3:GetObject").onObject("cat.jpg").by("alice").with("aws:SourceIp", "10.0.0.1")}.
 */
final class PolicyRequests {

    static final String BUCKET = "photos";

    private Principal principal = Principal.ANONYMOUS;
    private final String action;
    private String resource = AccessRequest.bucketArn(BUCKET);
    private final Map<String, List<String>> context = new HashMap<>();

    private PolicyRequests(String action) {
        this.action = action;
    }

    /** A 2012-10-17 policy for "photos" with the given statements (a JSON object or a comma-separated list). */
    static BucketPolicy policy(String statements) {
        return BucketPolicy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}", BUCKET);
    }

    /** An anonymous request on the bucket itself, until said otherwise. */
    static PolicyRequests request(String action) {
        return new PolicyRequests(action);
    }

    PolicyRequests by(String user) {
        principal = new Principal.User(user, "AKID" + user.toUpperCase());
        context.put(ConditionKeys.USERNAME, List.of(user));
        return this;
    }

    PolicyRequests onObject(String key) {
        resource = AccessRequest.objectArn(BUCKET, key);
        return this;
    }

    /** Adds values to a condition key; with no values, the key is present but empty (so missing). */
    PolicyRequests with(String key, String... values) {
        context.computeIfAbsent(key, k -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    AccessRequest build() {
        return new AccessRequest(principal, action, resource, RequestContext.of(context));
    }

    Decision against(BucketPolicy policy) {
        return policy.evaluate(build());
    }
}
