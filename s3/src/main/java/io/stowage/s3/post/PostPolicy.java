package io.stowage.s3.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The policy document of a browser POST upload: when it expires, and conditions every form field must meet (exact
 * matches, starts-with, the file's content-length-range). A form field the policy does not name is refused, as S3 does,
 * except the signature fields, the policy itself, the file and fields prefixed x-ignore-.
 */
public final class PostPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNCHECKED = Set.of("policy", "x-amz-signature", "file");

    /** One condition on a form field ("$key" is field "key"); {@code startsWith} for starts-with. */
    record Condition(String field, String value, boolean startsWith) {
    }

    private final Instant expiration;
    private final List<Condition> conditions;
    private final long minLength;
    private final long maxLength;

    private PostPolicy(Instant expiration, List<Condition> conditions, long minLength, long maxLength) {
        this.expiration = expiration;
        this.conditions = List.copyOf(conditions);
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** @throws S3Exception InvalidPolicyDocument for a policy that is not base64 JSON of the documented shape */
    public static PostPolicy parse(String base64) {
        JsonNode root;
        try {
            root = JSON.readTree(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid("Invalid Policy: Invalid JSON.");
        }
        if (root == null || !root.isObject() || !root.path("expiration").isTextual() || !root.path("conditions").isArray()) {
            throw invalid("Invalid Policy: Policy missing expiration or conditions.");
        }
        Instant expiration;
        try {
            expiration = Instant.parse(root.get("expiration").asText());
        } catch (DateTimeParseException e) {
            throw invalid("Invalid Policy: Invalid 'expiration' value: '" + root.get("expiration").asText() + "'");
        }
        List<Condition> conditions = new ArrayList<>();
        long min = 0;
        long max = Long.MAX_VALUE;
        for (JsonNode condition : root.get("conditions")) {
            if (condition.isObject() && condition.size() == 1) {
                Map.Entry<String, JsonNode> entry = condition.properties().iterator().next();
                conditions.add(new Condition(entry.getKey().toLowerCase(Locale.ROOT), text(entry.getValue()), false));
            } else if (condition.isArray() && condition.size() == 3) {
                String operator = condition.get(0).asText().toLowerCase(Locale.ROOT);
                if (operator.equals("content-length-range")) {
                    min = length(condition.get(1));
                    max = length(condition.get(2));
                    continue;
                }
                String field = condition.get(1).asText();
                if (!field.startsWith("$") || !operator.equals("eq") && !operator.equals("starts-with")) {
                    throw invalid("Invalid Policy: Invalid Condition: " + condition);
                }
                conditions.add(new Condition(field.substring(1).toLowerCase(Locale.ROOT), text(condition.get(2)),
                        operator.equals("starts-with")));
            } else {
                throw invalid("Invalid Policy: Invalid Condition: " + condition);
            }
        }
        return new PostPolicy(expiration, conditions, min, max);
    }

    /**
     * Checks the form against the policy at {@code now}.
     *
     * @param fields the form fields by lower-case name
     * @param bucket the bucket posted to, which the form need not name
     * @throws S3Exception AccessDenied "Invalid according to Policy: …" as S3 words it
     */
    public void check(Map<String, String> fields, String bucket, Instant now) {
        if (!now.isBefore(expiration)) {
            throw denied("Policy expired.");
        }
        Set<String> covered = new HashSet<>();
        for (Condition condition : conditions) {
            // the bucket is the one posted to, whatever a form field claims
            String value = condition.field().equals("bucket") ? bucket : fields.get(condition.field());
            boolean met = value != null && (condition.startsWith() ? value.startsWith(condition.value())
                    : value.equals(condition.value()));
            // a starts-with "" condition admits a field the form leaves out, as S3 does
            if (!met && !(value == null && condition.startsWith() && condition.value().isEmpty())) {
                throw denied("Policy Condition failed: [\"" + (condition.startsWith() ? "starts-with" : "eq") + "\", \"$"
                        + condition.field() + "\", \"" + condition.value() + "\"]");
            }
            covered.add(condition.field());
        }
        List<String> extra = fields.keySet().stream()
                .filter(f -> !UNCHECKED.contains(f) && !f.startsWith("x-ignore-") && !covered.contains(f))
                .filter(f -> !(f.equals("bucket") && fields.get(f).equals(bucket))).sorted().toList();
        if (!extra.isEmpty()) {
            throw denied("Extra input fields: " + String.join(", ", extra));
        }
    }

    /** The largest file the policy admits (content-length-range), or Long.MAX_VALUE. */
    public long maxLength() {
        return maxLength;
    }

    /** @throws S3Exception EntityTooSmall or EntityTooLarge outside the content-length-range */
    public void checkLength(long length) {
        if (length < minLength) {
            throw new S3Exception(S3ErrorCode.EntityTooSmall,
                    "Your proposed upload is smaller than the minimum allowed size of " + minLength + " bytes");
        }
        if (length > maxLength) {
            throw new S3Exception(S3ErrorCode.EntityTooLarge,
                    "Your proposed upload exceeds the maximum allowed size of " + maxLength + " bytes");
        }
    }

    private static String text(JsonNode node) {
        if (!node.isValueNode()) {
            throw invalid("Invalid Policy: Invalid Condition value: " + node);
        }
        return node.asText();
    }

    private static long length(JsonNode node) {
        long value = node.isNumber() ? node.asLong() : node.isTextual() ? parseLength(node.asText()) : -1;
        if (value < 0) {
            throw invalid("Invalid Policy: Invalid content-length-range: " + node);
        }
        return value;
    }

    private static long parseLength(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3ErrorCode.InvalidPolicyDocument, message);
    }

    private static S3Exception denied(String reason) {
        return new S3Exception(S3ErrorCode.AccessDenied, "Invalid according to Policy: " + reason);
    }
}
