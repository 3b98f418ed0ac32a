package io.stowage.backend.versitygw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The bucket policy {@link VersityBackend} gives a bucket, derived from the registry: a statement {@code stowage-owner}
 * allowing the owning account's keys {@code s3:*}, and one {@code stowage-key-<id>} per granted key allowing the actions
 * of its access mode. Statements whose Sid does not start with {@code stowage-} are kept as they are.
 *
 * <p>VersityGW names principals by access key id, not by ARN ({@code Principals.Contains} in its
 * {@code auth/bucket_policy_principals.go}); once a bucket has a policy, its decision replaces the ACL, the owner's
 * included ({@code VerifyAccess} in {@code auth/access-control.go}), hence the owner statement. Only the actions in
 * {@code auth/bucket_policy_actions.go} are accepted: there is no {@code s3:GetBucketLocation} or
 * {@code s3:GetObjectVersion}.
 */
final class BucketAccessPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OURS = "stowage-";
    private static final String OWNER_SID = OURS + "owner";
    private static final String KEY_SID = OURS + "key-";
    private static final List<String> READ = List.of("s3:GetObject", "s3:GetObjectAttributes", "s3:ListBucket",
            "s3:ListBucketVersions");
    private static final List<String> WRITE = List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts", "s3:ListBucketMultipartUploads");

    private BucketAccessPolicy() {
    }

    /**
     * The policy the bucket should have, or empty when it should have none.
     *
     * @param current the policy whose foreign statements are kept, as S3 answers it
     * @param ownerKeys the owning account's keys, in the order to name them
     * @param grants the granted keys' modes by key id, named in key id order
     */
    static Optional<String> desired(String bucket, Optional<String> current, Collection<String> ownerKeys, Map<String, AccessMode> grants) {
        ObjectNode document = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = document.putArray("Statement");
        for (JsonNode statement : statements(bucket, current)) {
            if (!statement.path("Sid").asText().startsWith(OURS)) {
                statements.add(statement);
            }
        }
        if (!ownerKeys.isEmpty()) {
            statement(statements, bucket, OWNER_SID, ownerKeys, List.of("s3:*"));
        }
        new TreeMap<>(grants).forEach((key, mode) -> statement(statements, bucket, KEY_SID + key, List.of(key),
                mode == AccessMode.READ_WRITE ? concat(READ, WRITE) : READ));
        return statements.isEmpty() ? Optional.empty() : Optional.of(document.toString());
    }

    /** The mode the key's statement in the policy (as S3 answers it) allows, or empty when it has none. */
    static Optional<AccessMode> mode(String bucket, Optional<String> policy, String keyId) {
        for (JsonNode statement : statements(bucket, policy)) {
            if ((KEY_SID + keyId).equals(statement.path("Sid").asText())) {
                List<String> actions = new ArrayList<>();
                statement.path("Action").forEach(a -> actions.add(a.asText()));
                return Optional.of(actions.containsAll(WRITE) ? AccessMode.READ_WRITE : AccessMode.READ_ONLY);
            }
        }
        return Optional.empty();
    }

    /** Whether two policies (as S3 answers them) say the same. */
    static boolean same(Optional<String> a, Optional<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        try {
            return JSON.readTree(a.get()).equals(JSON.readTree(b.get()));
        } catch (IOException e) {
            return false;
        }
    }

    private static void statement(ArrayNode statements, String bucket, String sid, Collection<String> principals, List<String> actions) {
        ObjectNode statement = statements.addObject().put("Sid", sid).put("Effect", "Allow");
        ArrayNode aws = statement.putObject("Principal").putArray("AWS");
        principals.forEach(aws::add);
        ArrayNode action = statement.putArray("Action");
        actions.forEach(action::add);
        statement.putArray("Resource").add("arn:aws:s3:::" + bucket).add("arn:aws:s3:::" + bucket + "/*");
    }

    private static List<JsonNode> statements(String bucket, Optional<String> policy) {
        if (policy.isEmpty()) {
            return List.of();
        }
        try {
            JsonNode statement = JSON.readTree(policy.get()).path("Statement");
            if (statement.isArray()) {
                List<JsonNode> all = new ArrayList<>();
                statement.forEach(all::add);
                return all;
            }
            return statement.isObject() ? List.of(statement) : List.of();
        } catch (IOException e) {
            throw new BackendException(Reason.INVALID, "the policy of bucket " + bucket + " is not JSON", e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
