package io.stowage.engine.iam.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stowage.engine.error.MalformedPolicyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a bucket policy's JSON into a {@link PolicyDocument}, enforcing the rules of S3's
 * PutBucketPolicy that Stowage supports. Each failure names the statement and element at fault.
 */
final class PolicyParser {

    /** The server's root user, which a policy names "arn:aws:iam::&lt;account&gt;:root". */
    private static final String ROOT_USER = "root";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Set<String> DOCUMENT_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    // Any s3 action name is accepted (AWS knows the list; we only check the shape).
    private static final Pattern S3_ACTION = Pattern.compile("(?i)s3:[a-z0-9*?]+");
    private static final Pattern IAM_ARN = Pattern.compile("arn:[^:]+:iam::[^:]*:(.+)");
    private static final PolicyPrincipal EVERYONE = new PolicyPrincipal.Everyone();

    private final String bucket;
    private final String bucketArn;

    PolicyParser(String bucket) {
        this.bucket = bucket;
        this.bucketArn = AccessRequest.bucketArn(bucket);
    }

    PolicyDocument parse(String json) {
        JsonNode root = readTree(json);
        if (!root.isObject()) {
            throw fail("Policies must be valid JSON and the first byte must be '{'");
        }
        unknownFields(root, DOCUMENT_FIELDS, "The policy");
        PolicyVersion version = version(root.get("Version"));
        JsonNode id = root.get("Id");
        if (id != null && !id.isTextual()) {
            throw fail("Id must be a string");
        }
        List<JsonNode> statementNodes = statementNodes(root.get("Statement"));
        List<Statement> statements = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < statementNodes.size(); i++) {
            Statement statement = statement(statementNodes.get(i), "Statement[" + i + "]", version);
            if (statement.sid() != null && !statement.sid().isEmpty() && !sids.add(statement.sid())) {
                throw fail("Statement[" + i + "]: Sid \"" + statement.sid()
                        + "\" is used by an earlier statement; Sids must be unique");
            }
            statements.add(statement);
        }
        return new PolicyDocument(version, id == null ? null : id.textValue(), statements);
    }

    private JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw fail("Policies must be valid JSON and the first byte must be '{': " + e.getOriginalMessage() + where);
        }
    }

    private PolicyVersion version(JsonNode node) {
        if (node == null) {
            return PolicyVersion.V2008_10_17;
        }
        return PolicyVersion.of(node.isTextual() ? node.textValue() : null)
                .orElseThrow(() -> fail("Version must be \"2012-10-17\" or \"2008-10-17\", not " + node));
    }

    private List<JsonNode> statementNodes(JsonNode node) {
        if (node == null) {
            throw fail("The policy has no Statement");
        }
        if (node.isObject()) {
            return List.of(node);
        }
        if (!node.isArray()) {
            throw fail("Statement must be an object or an array of objects");
        }
        if (node.isEmpty()) {
            throw fail("Statement must not be empty");
        }
        List<JsonNode> nodes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                throw fail("Statement[" + i + "] must be an object");
            }
            nodes.add(node.get(i));
        }
        return nodes;
    }

    private Statement statement(JsonNode node, String where, PolicyVersion version) {
        unknownFields(node, STATEMENT_FIELDS, where);
        JsonNode sid = node.get("Sid");
        if (sid != null && !sid.isTextual()) {
            throw fail(where + ": Sid must be a string");
        }
        return new Statement(sid == null ? null : sid.textValue(), effect(node.get("Effect"), where),
                principals(node, where), actions(node, where), resources(node, where, version),
                node.has("Condition") ? ConditionParser.parse(node.get("Condition"), version, where, bucket) : List.of());
    }

    private Effect effect(JsonNode node, String where) {
        if (node == null) {
            throw fail(where + ": Effect is required and must be Allow or Deny");
        }
        if (node.isTextual() && node.textValue().equals("Allow")) {
            return Effect.ALLOW;
        }
        if (node.isTextual() && node.textValue().equals("Deny")) {
            return Effect.DENY;
        }
        throw fail(where + ": Effect must be Allow or Deny, not " + node);
    }

    private List<PolicyPrincipal> principals(JsonNode statement, String where) {
        if (statement.has("NotPrincipal")) {
            throw fail(where + ": NotPrincipal is not supported; name the principals in Principal instead");
        }
        JsonNode node = statement.get("Principal");
        if (node == null) {
            throw fail(where + ": a bucket policy statement needs a Principal");
        }
        if (node.isTextual() && node.textValue().equals("*")) {
            return List.of(EVERYONE);
        }
        if (!node.isObject() || node.isEmpty()) {
            throw fail(where + ": Principal must be \"*\" or an object such as "
                    + "{\"AWS\": [\"arn:aws:iam::111122223333:user/alice\"]}, not " + node);
        }
        List<PolicyPrincipal> principals = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String type = entry.getKey();
            String element = "Principal " + type;
            switch (type) {
                case "AWS" -> strings(entry.getValue(), where, element).forEach(v -> principals.add(awsPrincipal(v, where)));
                case "CanonicalUser" -> strings(entry.getValue(), where, element)
                        .forEach(v -> principals.add(new PolicyPrincipal.User(userName(v, v, where))));
                default -> throw fail(where + ": principal type " + type + " is not supported; use AWS or CanonicalUser");
            }
        }
        return principals;
    }

    private PolicyPrincipal awsPrincipal(String value, String where) {
        if (value.equals("*")) {
            return EVERYONE;
        }
        if (!value.startsWith("arn:")) {
            return new PolicyPrincipal.User(userName(value, value, where));
        }
        Matcher arn = IAM_ARN.matcher(value);
        if (arn.matches() && arn.group(1).equals("root")) {
            return new PolicyPrincipal.User(ROOT_USER);
        }
        if (arn.matches() && arn.group(1).startsWith("user/")) {
            // IAM user ARNs may carry a path (user/division/alice): the name is the last segment
            String path = arn.group(1);
            return new PolicyPrincipal.User(userName(path.substring(path.lastIndexOf('/') + 1), value, where));
        }
        throw fail(where + ": Invalid principal \"" + value + "\": name a user, arn:aws:iam::<account>:user/<name>, "
                + "arn:aws:iam::<account>:root or \"*\"");
    }

    private String userName(String name, String asWritten, String where) {
        if (name.isEmpty() || name.contains("*") || name.contains("?")) {
            throw fail(where + ": Invalid principal \"" + asWritten
                    + "\": wildcards are allowed only as the whole principal \"*\"");
        }
        return name;
    }

    private PatternList actions(JsonNode statement, String where) {
        String element = oneOf(statement, "Action", "NotAction", where);
        List<ValuePattern> patterns = new ArrayList<>();
        for (String action : strings(statement.get(element), where, element)) {
            if (!action.equals("*") && !S3_ACTION.matcher(action).matches()) {
                throw fail(where + ": invalid " + element + " \"" + action + "\": actions are \"*\" or \"s3:<name>\", "
                        + "where * and ? are wildcards");
            }
            patterns.add(ValuePattern.parse(action, false, true));
        }
        return new PatternList(element.equals("NotAction"), patterns);
    }

    private PatternList resources(JsonNode statement, String where, PolicyVersion version) {
        String element = oneOf(statement, "Resource", "NotResource", where);
        List<ValuePattern> patterns = new ArrayList<>();
        for (String resource : strings(statement.get(element), where, element)) {
            if (!resource.equals(bucketArn) && !resource.startsWith(bucketArn + "/")) {
                throw fail(where + ": Policy has invalid resource \"" + resource + "\": a policy of bucket " + bucket
                        + " may name only " + bucketArn + " and " + bucketArn + "/<key pattern>");
            }
            try {
                patterns.add(ValuePattern.parse(resource, version.hasVariables(), false));
            } catch (IllegalArgumentException e) {
                throw fail(where + ": " + element + " " + e.getMessage());
            }
        }
        return new PatternList(element.equals("NotResource"), patterns);
    }

    /** The one of the two elements the statement has: it must have exactly one. */
    private String oneOf(JsonNode statement, String element, String negated, String where) {
        boolean has = statement.has(element);
        boolean hasNegated = statement.has(negated);
        if (has == hasNegated) {
            throw fail(where + ": a statement needs exactly one of " + element + " and " + negated
                    + (has ? ", not both" : ""));
        }
        return has ? element : negated;
    }

    private List<String> strings(JsonNode node, String where, String element) {
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> values = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    break;
                }
                values.add(item.textValue());
            }
            if (values.size() == node.size()) {
                return values;
            }
        }
        throw fail(where + ": " + element + " must be a string or a non-empty array of strings");
    }

    private void unknownFields(JsonNode node, Set<String> known, String where) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw fail(where + " has an unknown field \"" + field.getKey() + "\"");
            }
        }
    }

    private MalformedPolicyException fail(String message) {
        return new MalformedPolicyException(message, bucket);
    }
}
