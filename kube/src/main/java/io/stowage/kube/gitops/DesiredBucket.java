package io.stowage.kube.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.s3.BucketVersioning;
import io.stowage.backend.s3.CorsRule;
import io.stowage.backend.s3.LifecycleRule;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.QuotaParameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an S3Bucket asks of its bucket, validated: an empty optional is a setting left as the backend has it.
 *
 * @param tags the spec's tags with {@link GitopsApi#MANAGED_BY_TAG} naming the resource
 * @param policy the policy document, parsed so that a reformatted copy on the backend is not taken for drift
 * @param deleteWithResource deletionPolicy Delete
 */
record DesiredBucket(String name, Optional<BucketQuota> quota, Optional<BucketVersioning> versioning,
                     Map<String, String> tags, Optional<JsonNode> policy, Optional<List<LifecycleRule>> lifecycle,
                     Optional<List<CorsRule>> cors, boolean deleteWithResource) {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The resource's {@code namespace/name}, which {@link GitopsApi#MANAGED_BY_TAG} holds. */
    static String managedBy(S3Bucket bucket) {
        return bucket.getMetadata().getNamespace() + "/" + bucket.getMetadata().getName();
    }

    /** @throws ClaimRefusedException (reason InvalidSpec) naming the field that is wrong */
    static DesiredBucket of(S3Bucket bucket) throws ClaimRefusedException {
        S3BucketSpec spec = bucket.getSpec();
        String name = bucket.bucketName();
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw invalid("bucketName '" + name + "' is not a valid bucket name (3 to 63 lower-case letters, digits, dots and"
                    + " hyphens)");
        }
        Optional<BucketQuota> quota = Optional.empty();
        if (spec.getQuota() != null) {
            Map<String, String> limits = new HashMap<>();
            if (spec.getQuota().getMaxSize() != null) {
                limits.put(QuotaParameters.MAX_SIZE, spec.getQuota().getMaxSize());
            }
            if (spec.getQuota().getMaxObjects() != null) {
                limits.put(QuotaParameters.MAX_OBJECTS, spec.getQuota().getMaxObjects().toString());
            }
            try {
                quota = Optional.of(QuotaParameters.read(limits, BucketQuota.NONE, "quota"));
            } catch (InvalidSpecException e) {
                throw invalid(e.getMessage());
            }
        }
        Optional<BucketVersioning> versioning = Optional.empty();
        if (spec.getVersioning() != null) {
            versioning = Optional.of(switch (spec.getVersioning()) {
                case "Enabled" -> BucketVersioning.ENABLED;
                case "Suspended" -> BucketVersioning.SUSPENDED;
                default -> throw invalid("versioning must be Enabled or Suspended, not '" + spec.getVersioning() + "'");
            });
        }
        if (spec.getTags().containsKey(GitopsApi.MANAGED_BY_TAG)) {
            throw invalid("tags: " + GitopsApi.MANAGED_BY_TAG + " is the operator's own tag");
        }
        Map<String, String> tags = new LinkedHashMap<>(spec.getTags());
        tags.put(GitopsApi.MANAGED_BY_TAG, managedBy(bucket));
        Optional<JsonNode> policy = Optional.empty();
        if (spec.getPolicy() != null && !spec.getPolicy().isBlank()) {
            policy = Optional.of(parsePolicy(spec.getPolicy()));
        }
        String deletion = spec.getDeletionPolicy() == null ? "Retain" : spec.getDeletionPolicy();
        if (!deletion.equals("Retain") && !deletion.equals("Delete")) {
            throw invalid("deletionPolicy must be Retain or Delete, not '" + deletion + "'");
        }
        Optional<List<LifecycleRule>> lifecycle = spec.getLifecycleRules() == null ? Optional.empty()
                : Optional.of(lifecycle(spec.getLifecycleRules()));
        Optional<List<CorsRule>> cors = spec.getCorsRules() == null ? Optional.empty() : Optional.of(cors(spec.getCorsRules()));
        return new DesiredBucket(name, quota, versioning, Map.copyOf(tags), policy, lifecycle, cors, deletion.equals("Delete"));
    }

    /** Whether applying this needs S3 calls with a key (versioning, policy, lifecycle, CORS), beyond the admin interface. */
    boolean needsS3() {
        return versioning.isPresent() || policy.isPresent() || lifecycle.isPresent() || cors.isPresent();
    }

    private static List<LifecycleRule> lifecycle(List<LifecycleRuleSpec> specs) throws ClaimRefusedException {
        List<LifecycleRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (LifecycleRuleSpec spec : specs) {
            if (spec.getId() == null || spec.getId().isBlank() || !ids.add(spec.getId())) {
                throw invalid("lifecycleRules: every rule needs an id of its own");
            }
            LifecycleRule rule = new LifecycleRule(spec.getId(), spec.getPrefix(), spec.getEnabled() == null || spec.getEnabled(),
                    days(spec.getExpirationDays()), days(spec.getNoncurrentVersionExpirationDays()),
                    days(spec.getAbortIncompleteUploadDays()));
            if (rule.expirationDays() == 0 && rule.noncurrentVersionExpirationDays() == 0 && rule.abortIncompleteUploadDays() == 0) {
                throw invalid("lifecycleRules: rule " + rule.id() + " has no action (expirationDays,"
                        + " noncurrentVersionExpirationDays or abortIncompleteUploadDays)");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    private static int days(Integer days) {
        return days == null ? 0 : Math.max(days, 0);
    }

    private static List<CorsRule> cors(List<CorsRuleSpec> specs) throws ClaimRefusedException {
        List<CorsRule> rules = new ArrayList<>();
        for (CorsRuleSpec spec : specs) {
            try {
                rules.add(new CorsRule(spec.getAllowedOrigins(), spec.getAllowedMethods(), spec.getAllowedHeaders(),
                        spec.getExposeHeaders(), spec.getMaxAgeSeconds() == null ? 0 : spec.getMaxAgeSeconds()));
            } catch (IllegalArgumentException e) {
                throw invalid("corsRules: " + e.getMessage());
            }
        }
        return List.copyOf(rules);
    }

    private static JsonNode parsePolicy(String text) throws ClaimRefusedException {
        try {
            JsonNode policy = JSON.readTree(text);
            if (policy == null || !policy.isObject() || !policy.has("Statement")) {
                throw invalid("policy must be a JSON object with a Statement");
            }
            return policy;
        } catch (JsonProcessingException e) {
            throw invalid("policy is not JSON: " + e.getOriginalMessage());
        }
    }

    static ClaimRefusedException invalid(String message) {
        return new ClaimRefusedException("InvalidSpec", message);
    }
}
