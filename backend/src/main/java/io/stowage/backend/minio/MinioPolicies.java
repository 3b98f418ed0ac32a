package io.stowage.backend.minio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketGrant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The canned IAM policies {@link MinioBackend} keeps on MinIO, their names and documents:
 *
 * <ul>
 *   <li>{@code stowage-<bucket>-ro} and {@code stowage-<bucket>-rw}: reading, or reading and writing, one bucket, for
 *       keys with a grant;
 *   <li>{@code stowage-account-<account>}: what an account's own keys may do: list their buckets, and everything in the
 *       buckets the account owns (the statement {@value #OWNED_SID}, which is where a bucket's owner is recorded).
 * </ul>
 */
final class MinioPolicies {

    static final String ACCOUNT_PREFIX = "stowage-account-";
    static final String OWNED_SID = "StowageOwnedBuckets";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> READ_BUCKET = List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads");
    private static final List<String> READ_OBJECTS = List.of("s3:GetObject", "s3:GetObjectTagging");
    private static final List<String> WRITE_OBJECTS = List.of("s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject",
            "s3:DeleteObjectTagging", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");

    private MinioPolicies() {
    }

    static String grantName(String bucket, AccessMode mode) {
        return "stowage-" + bucket + (mode == AccessMode.READ_ONLY ? "-ro" : "-rw");
    }

    /** The grant a policy of {@link #grantName} stands for, or empty for another policy. */
    static Optional<BucketGrant> grantOf(String policyName) {
        if (!policyName.startsWith("stowage-") || account(policyName).isPresent()) {
            return Optional.empty();
        }
        String bucket = policyName.substring("stowage-".length(), Math.max("stowage-".length(), policyName.length() - 3));
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        for (AccessMode mode : List.of(AccessMode.READ_ONLY, AccessMode.READ_WRITE)) {
            if (grantName(bucket, mode).equals(policyName)) {
                return Optional.of(new BucketGrant(bucket, mode));
            }
        }
        return Optional.empty();
    }

    static String accountName(String account) {
        return ACCOUNT_PREFIX + account;
    }

    /** The account whose policy this is, or empty for another policy. */
    static Optional<String> account(String policyName) {
        return policyName.startsWith(ACCOUNT_PREFIX) ? Optional.of(policyName.substring(ACCOUNT_PREFIX.length())) : Optional.empty();
    }

    static String grant(String bucket, AccessMode mode) {
        ObjectNode policy = document();
        ArrayNode statements = policy.putArray("Statement");
        statements.add(allow(null, READ_BUCKET, List.of(arn(bucket))));
        List<String> objects = new ArrayList<>(READ_OBJECTS);
        if (mode == AccessMode.READ_WRITE) {
            objects.addAll(WRITE_OBJECTS);
        }
        statements.add(allow(null, objects, List.of(arn(bucket) + "/*")));
        return policy.toString();
    }

    static String account(SortedSet<String> ownedBuckets) {
        ObjectNode policy = document();
        ArrayNode statements = policy.putArray("Statement");
        statements.add(allow(null, List.of("s3:ListAllMyBuckets"), List.of("arn:aws:s3:::*")));
        if (!ownedBuckets.isEmpty()) {
            List<String> resources = new ArrayList<>();
            for (String bucket : ownedBuckets) {
                resources.add(arn(bucket));
                resources.add(arn(bucket) + "/*");
            }
            statements.add(allow(OWNED_SID, List.of("s3:*"), resources));
        }
        return policy.toString();
    }

    /** The buckets an account policy's {@value #OWNED_SID} statement names. */
    static SortedSet<String> ownedBuckets(JsonNode accountPolicy) {
        SortedSet<String> buckets = new TreeSet<>();
        for (JsonNode statement : accountPolicy.path("Statement")) {
            if (OWNED_SID.equals(statement.path("Sid").asText())) {
                for (JsonNode resource : statement.path("Resource")) {
                    String arn = resource.asText();
                    if (!arn.endsWith("/*")) {
                        buckets.add(arn.substring("arn:aws:s3:::".length()));
                    }
                }
            }
        }
        return buckets;
    }

    static JsonNode parse(String policy) {
        try {
            return JSON.readTree(policy);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a policy document: " + e.getMessage(), e);
        }
    }

    private static ObjectNode document() {
        return JSON.createObjectNode().put("Version", "2012-10-17");
    }

    private static ObjectNode allow(String sid, List<String> actions, List<String> resources) {
        ObjectNode statement = JSON.createObjectNode();
        if (sid != null) {
            statement.put("Sid", sid);
        }
        statement.put("Effect", "Allow");
        actions.forEach(statement.putArray("Action")::add);
        resources.forEach(statement.putArray("Resource")::add);
        return statement;
    }

    private static String arn(String bucket) {
        return "arn:aws:s3:::" + bucket.toLowerCase(Locale.ROOT);
    }
}
