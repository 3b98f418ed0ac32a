package io.stowage.engine.iam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.engine.error.MalformedPolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a statement's Condition block: {operator: {key: value or [values]}}. */
final class ConditionParser {

    private static final Pattern KEY = Pattern.compile("(?i)(aws|s3):\\S+");

    private final PolicyVersion version;
    private final String where;
    private final String bucket;

    private ConditionParser(PolicyVersion version, String where, String bucket) {
        this.version = version;
        this.where = where;
        this.bucket = bucket;
    }

    /**
     * @param where the statement, for messages
     * @param bucket the bucket the policy is for, for the exception
     */
    static List<Condition> parse(JsonNode block, PolicyVersion version, String where, String bucket) {
        return new ConditionParser(version, where, bucket).conditions(block);
    }

    private List<Condition> conditions(JsonNode block) {
        if (!block.isObject()) {
            throw fail(where + ": Condition must be an object such as {\"StringEquals\": {\"s3:prefix\": \"home/\"}}");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operator : block.properties()) {
            String at = where + ": Condition " + operator.getKey();
            JsonNode keys = operator.getValue();
            if (!keys.isObject() || keys.isEmpty()) {
                throw fail(at + " must map condition keys to values");
            }
            for (Map.Entry<String, JsonNode> entry : keys.properties()) {
                String key = entry.getKey();
                if (!KEY.matcher(key).matches()) {
                    throw fail(at + ": \"" + key + "\" is not a condition key; keys are aws:<name> or s3:<name>");
                }
                conditions.add(condition(operator.getKey(), key, values(entry.getValue(), at + " " + key), at + " " + key));
            }
        }
        return conditions;
    }

    private Condition condition(String operatorName, String key, List<String> values, String at) {
        try {
            if (operatorName.equalsIgnoreCase("Null")) {
                return new NullCondition(key, values.stream().map(Comparison::bool).toList());
            }
            ConditionOperator operator = ConditionOperator.parse(operatorName)
                    .orElseThrow(() -> fail(where + ": unknown condition operator \"" + operatorName + "\""));
            List<ValueMatcher> matchers = values.stream().map(v -> operator.comparison().compile(v, version)).toList();
            return new ValueCondition(operator, key, values, matchers);
        } catch (IllegalArgumentException e) {
            throw fail(at + ": " + e.getMessage());
        }
    }

    /** A value is a string, number or boolean; a key takes one or a non-empty array of them. */
    private List<String> values(JsonNode node, String at) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty() || !items.stream().allMatch(JsonNode::isValueNode) || items.stream().anyMatch(JsonNode::isNull)) {
            throw fail(at + " must be a value or a non-empty array of values");
        }
        return items.stream().map(JsonNode::asText).toList();
    }

    private MalformedPolicyException fail(String message) {
        return new MalformedPolicyException(message, bucket);
    }
}
