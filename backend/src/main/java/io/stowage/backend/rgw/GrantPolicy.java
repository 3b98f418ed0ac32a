package io.stowage.backend.rgw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A bucket policy as {@link RgwBackend} edits it: one statement per granted key, whose {@code Sid} names the key,
 * allowing the key's own RGW user the actions of its access mode. Statements the backend did not write are kept.
 */
final class GrantPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SID_PREFIX = "stowage-key-";
    private static final List<String> READ = List.of("s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket",
            "s3:ListBucketVersions", "s3:GetBucketLocation");
    private static final List<String> WRITE = List.of("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion",
            "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:ListBucketMultipartUploads");

    private final String bucket;
    private final ObjectNode document;

    private GrantPolicy(String bucket, ObjectNode document) {
        this.bucket = bucket;
        this.document = document;
    }

    /** The bucket's policy as S3 answers it, or a new empty one. */
    static GrantPolicy of(String bucket, Optional<String> policy) {
        if (policy.isEmpty()) {
            ObjectNode document = JSON.createObjectNode();
            document.put("Version", "2012-10-17");
            document.putArray("Statement");
            return new GrantPolicy(bucket, document);
        }
        try {
            JsonNode document = JSON.readTree(policy.get());
            if (!(document instanceof ObjectNode object)) {
                throw new BackendException(BackendException.Reason.INVALID, "the policy of bucket " + bucket + " is not a JSON object");
            }
            if (!object.path("Statement").isArray()) {
                // a single statement may be written without the array
                ArrayNode statements = JSON.createArrayNode();
                if (object.has("Statement")) {
                    statements.add(object.get("Statement"));
                }
                object.set("Statement", statements);
            }
            return new GrantPolicy(bucket, object);
        } catch (IOException e) {
            throw new BackendException(BackendException.Reason.INVALID, "the policy of bucket " + bucket + " is not JSON", e);
        }
    }

    /** The access mode of the key's statement, or empty when the policy has none for it. */
    Optional<AccessMode> mode(String accessKeyId) {
        for (JsonNode statement : statements()) {
            if (sid(accessKeyId).equals(statement.path("Sid").asText())) {
                return Optional.of(statement.path("Action").size() > READ.size() ? AccessMode.READ_WRITE : AccessMode.READ_ONLY);
            }
        }
        return Optional.empty();
    }

    /** Replaces the key's statement by one allowing {@code uid} the actions of {@code mode}. */
    GrantPolicy allow(String accessKeyId, String uid, AccessMode mode) {
        remove(accessKeyId);
        ObjectNode statement = statements().addObject();
        statement.put("Sid", sid(accessKeyId));
        statement.put("Effect", "Allow");
        statement.putObject("Principal").putArray("AWS").add("arn:aws:iam:::user/" + uid);
        ArrayNode actions = statement.putArray("Action");
        READ.forEach(actions::add);
        if (mode == AccessMode.READ_WRITE) {
            WRITE.forEach(actions::add);
        }
        statement.putArray("Resource").add("arn:aws:s3:::" + bucket).add("arn:aws:s3:::" + bucket + "/*");
        return this;
    }

    /** Removes the key's statement, if any. */
    GrantPolicy remove(String accessKeyId) {
        ArrayNode statements = statements();
        for (int i = statements.size() - 1; i >= 0; i--) {
            if (sid(accessKeyId).equals(statements.get(i).path("Sid").asText())) {
                statements.remove(i);
            }
        }
        return this;
    }

    boolean isEmpty() {
        return statements().isEmpty();
    }

    String json() {
        return document.toString();
    }

    private ArrayNode statements() {
        return (ArrayNode) document.get("Statement");
    }

    private static String sid(String accessKeyId) {
        return SID_PREFIX + accessKeyId;
    }
}
