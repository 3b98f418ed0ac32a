package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bucket as Git declares it: what is absent is left as the backend has it, except the tags, which are exactly these. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3BucketSpec {

    @JsonPropertyDescription("The backend the bucket lives on.")
    private BackendReference backendRef = new BackendReference();

    @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
    @ValidationRule(value = "self == oldSelf", message = "bucketName cannot change")
    @JsonPropertyDescription("The bucket's name on the backend. Default: the resource's name. An existing bucket is adopted"
            + " with its objects.")
    private String bucketName;

    @JsonPropertyDescription("Hard limits. Absent: left as they are.")
    private QuotaSpec quota;

    @Pattern("^(Enabled|Suspended)$")
    @JsonPropertyDescription("Enabled or Suspended. Absent: left as it is. Needs the backend Secret's accessKey/secretKey.")
    private String versioning;

    @JsonPropertyDescription("Object lock (WORM). Only a bucket created with it has it: a new bucket is created with object"
            + " lock; an existing bucket without it is refused (Ready=False, ObjectLockNotEnabled), never changed. The default"
            + " retention is kept as declared. Absent: left as it is. Needs the backend Secret's accessKey/secretKey.")
    private ObjectLockSpec objectLock;

    @JsonPropertyDescription("The bucket's tags, exactly (the operator adds stowage.io/s3bucket).")
    private Map<String, String> tags = new LinkedHashMap<>();

    @JsonPropertyDescription("The bucket policy, a JSON document in the AWS policy language. Absent: left as it is."
            + " Needs the backend Secret's accessKey/secretKey.")
    private String policy;

    @JsonPropertyDescription("The bucket policy kept in a ConfigMap of this namespace, instead of policy (not both). Read at"
            + " every reconcile: a change of the ConfigMap is applied at the next resync.")
    private PolicyRefSpec policyRef;

    @JsonPropertyDescription("Lifecycle rules, exactly these ([] removes them). Absent: left as they are. Needs the backend"
            + " Secret's accessKey/secretKey.")
    private List<LifecycleRuleSpec> lifecycleRules;

    @JsonPropertyDescription("CORS rules, exactly these ([] removes them). Absent: left as they are. Needs the backend Secret's"
            + " accessKey/secretKey.")
    private List<CorsRuleSpec> corsRules;

    @Pattern("^(Retain|Delete)$")
    @JsonPropertyDescription("Retain (default): deleting the resource leaves the bucket and its objects. Delete: empties and"
            + " deletes the bucket.")
    private String deletionPolicy;

    public BackendReference getBackendRef() {
        return backendRef;
    }

    public void setBackendRef(BackendReference backendRef) {
        this.backendRef = backendRef == null ? new BackendReference() : backendRef;
    }

    public String getBucketName() {
        return bucketName;
    }

    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }

    public QuotaSpec getQuota() {
        return quota;
    }

    public void setQuota(QuotaSpec quota) {
        this.quota = quota;
    }

    public String getVersioning() {
        return versioning;
    }

    public void setVersioning(String versioning) {
        this.versioning = versioning;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public void setTags(Map<String, String> tags) {
        this.tags = tags == null ? new LinkedHashMap<>() : tags;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public List<LifecycleRuleSpec> getLifecycleRules() {
        return lifecycleRules;
    }

    public void setLifecycleRules(List<LifecycleRuleSpec> lifecycleRules) {
        this.lifecycleRules = lifecycleRules;
    }

    public List<CorsRuleSpec> getCorsRules() {
        return corsRules;
    }

    public void setCorsRules(List<CorsRuleSpec> corsRules) {
        this.corsRules = corsRules;
    }

    public ObjectLockSpec getObjectLock() {
        return objectLock;
    }

    public void setObjectLock(ObjectLockSpec objectLock) {
        this.objectLock = objectLock;
    }

    public PolicyRefSpec getPolicyRef() {
        return policyRef;
    }

    public void setPolicyRef(PolicyRefSpec policyRef) {
        this.policyRef = policyRef;
    }

    public String getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(String deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }
}
