package io.stowage.kube.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.s3.BucketVersioning;
import io.stowage.backend.s3.CorsRule;
import io.stowage.backend.s3.DefaultRetention;
import io.stowage.backend.s3.LifecycleRule;
import io.stowage.backend.s3.ObjectLockConfiguration;
import io.stowage.kube.provision.ClaimRefusedException;
import java.util.ArrayList;
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
 * @param objectLock object lock enabled, with its default retention (always {@link ObjectLockConfiguration#enabled()})
 * @param deleteWithResource deletionPolicy Delete
 */
record DesiredBucket(String name, Optional<BucketQuota> quota, Optional<BucketVersioning> versioning,
                     Map<String, String> tags, Optional<JsonNode> policy, Optional<List<LifecycleRule>> lifecycle,
                     Optional<List<CorsRule>> cors, Optional<ObjectLockConfiguration> objectLock, boolean deleteWithResource) {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The resource's {@code namespace/name}, which {@link GitopsApi#MANAGED_BY_TAG} holds. */
    static String managedBy(S3Bucket bucket) {
        return bucket.getMetadata().getNamespace() + "/" + bucket.getMetadata().getName();
    }

    /** An S3Bucket without a policyRef (see {@link #of(S3Bucket, Optional)}). */
    static DesiredBucket of(S3Bucket bucket) throws ClaimRefusedException {
        return of(bucket, Optional.empty());
    }

    /**
     * @param referencedPolicy the text of the policy the spec's policyRef names ({@link ReferencedPolicies}), present
     *     exactly when it has one
     * @throws ClaimRefusedException (reason InvalidSpec) naming the field that is wrong
     */
    static DesiredBucket of(S3Bucket bucket, Optional<String> referencedPolicy) throws ClaimRefusedException {
        S3BucketSpec spec = bucket.getSpec();
        if (spec.getPolicyRef() != null && spec.getPolicy() != null) {
            throw invalid("policy and policyRef: give one of them, not both");
        }
        if (referencedPolicy.isPresent() != (spec.getPolicyRef() != null)) {
            throw new IllegalArgumentException("the referenced policy is given exactly when the spec has a policyRef");
        }
        String name = bucket.bucketName();
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw invalid("bucketName '" + name + "' is not a valid bucket name (3 to 63 lower-case letters, digits, dots and"
                    + " hyphens)");
        }
        Optional<BucketQuota> quota = spec.getQuota() == null ? Optional.empty() : Optional.of(spec.getQuota().limits());
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
            policy = Optional.of(parsePolicy(spec.getPolicy(), "policy"));
        } else if (referencedPolicy.isPresent()) {
            policy = Optional.of(parsePolicy(referencedPolicy.get(), "policyRef (ConfigMap " + spec.getPolicyRef().getConfigMapName()
                    + ", key " + spec.getPolicyRef().getKey() + ")"));
        }
        String deletion = spec.getDeletionPolicy() == null ? "Retain" : spec.getDeletionPolicy();
        if (!deletion.equals("Retain") && !deletion.equals("Delete")) {
            throw invalid("deletionPolicy must be Retain or Delete, not '" + deletion + "'");
        }
        Optional<List<LifecycleRule>> lifecycle = spec.getLifecycleRules() == null ? Optional.empty()
                : Optional.of(lifecycle(spec.getLifecycleRules()));
        Optional<List<CorsRule>> cors = spec.getCorsRules() == null ? Optional.empty() : Optional.of(cors(spec.getCorsRules()));
        Optional<ObjectLockConfiguration> objectLock = spec.getObjectLock() == null ? Optional.empty()
                : Optional.of(ObjectLockConfiguration.enabled(defaultRetention(spec.getObjectLock().getDefaultRetention())));
        if (objectLock.isPresent() && versioning.filter(v -> v != BucketVersioning.ENABLED).isPresent()) {
            throw invalid("versioning: a bucket with object lock is always versioned; versioning cannot be Suspended");
        }
        return new DesiredBucket(name, quota, versioning, Map.copyOf(tags), policy, lifecycle, cors, objectLock,
                deletion.equals("Delete"));
    }

    /** Whether applying this needs S3 calls with a key (versioning, policy, lifecycle, CORS, object lock). */
    boolean needsS3() {
        return versioning.isPresent() || policy.isPresent() || lifecycle.isPresent() || cors.isPresent()
                || objectLock.isPresent();
    }

    private static Optional<DefaultRetention> defaultRetention(DefaultRetentionSpec spec) throws ClaimRefusedException {
        if (spec == null) {
            return Optional.empty();
        }
        DefaultRetention.Mode mode;
        try {
            mode = DefaultRetention.Mode.valueOf(String.valueOf(spec.getMode()));
        } catch (IllegalArgumentException e) {
            throw invalid("objectLock.defaultRetention.mode must be GOVERNANCE or COMPLIANCE, not '" + spec.getMode() + "'");
        }
        int days = spec.getDays() == null ? 0 : spec.getDays();
        int years = spec.getYears() == null ? 0 : spec.getYears();
        if (days > 36_500 || years > 100) {
            throw invalid("objectLock.defaultRetention: at most 36500 days or 100 years");
        }
        try {
            return Optional.of(new DefaultRetention(mode, days, years));
        } catch (IllegalArgumentException e) {
            throw invalid("objectLock.defaultRetention: " + e.getMessage());
        }
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

    private static JsonNode parsePolicy(String text, String field) throws ClaimRefusedException {
        try {
            JsonNode policy = JSON.readTree(text);
            if (policy == null || !policy.isObject() || !policy.has("Statement")) {
                throw invalid(field + " must be a JSON object with a Statement");
            }
            return policy;
        } catch (JsonProcessingException e) {
            throw invalid(field + " is not JSON: " + e.getOriginalMessage());
        }
    }

    static ClaimRefusedException invalid(String message) {
        return new ClaimRefusedException("InvalidSpec", message);
    }
}
