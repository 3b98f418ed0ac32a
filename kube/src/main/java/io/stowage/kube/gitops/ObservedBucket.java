package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The bucket as the operator last found it on the backend, after putting back what had drifted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObservedBucket {

    @JsonPropertyDescription("Most bytes; 0: no limit.")
    private long maxBytes;

    @JsonPropertyDescription("Most objects; 0: no limit.")
    private long maxObjects;

    @JsonPropertyDescription("Enabled, Suspended or Unversioned; absent when not managed.")
    private String versioning;

    @JsonPropertyDescription("The bucket's tags.")
    private Map<String, String> tags = new LinkedHashMap<>();

    @JsonPropertyDescription("Whether the bucket has a policy.")
    private boolean policy;

    @JsonPropertyDescription("How many lifecycle rules the bucket has; absent when not managed.")
    private Integer lifecycleRules;

    @JsonPropertyDescription("How many CORS rules the bucket has; absent when not managed.")
    private Integer corsRules;

    @JsonPropertyDescription("The object lock default retention, such as 'GOVERNANCE 30 days'; absent when not managed.")
    private String objectLock;

    public String getObjectLock() {
        return objectLock;
    }

    public void setObjectLock(String objectLock) {
        this.objectLock = objectLock;
    }

    public long getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long getMaxObjects() {
        return maxObjects;
    }

    public void setMaxObjects(long maxObjects) {
        this.maxObjects = maxObjects;
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

    public boolean isPolicy() {
        return policy;
    }

    public void setPolicy(boolean policy) {
        this.policy = policy;
    }

    public Integer getLifecycleRules() {
        return lifecycleRules;
    }

    public void setLifecycleRules(Integer lifecycleRules) {
        this.lifecycleRules = lifecycleRules;
    }

    public Integer getCorsRules() {
        return corsRules;
    }

    public void setCorsRules(Integer corsRules) {
        this.corsRules = corsRules;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObservedBucket other && maxBytes == other.maxBytes && maxObjects == other.maxObjects
                && policy == other.policy && Objects.equals(versioning, other.versioning) && tags.equals(other.tags)
                && Objects.equals(lifecycleRules, other.lifecycleRules) && Objects.equals(corsRules, other.corsRules)
                && Objects.equals(objectLock, other.objectLock);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxBytes, maxObjects, versioning, tags, policy, lifecycleRules, corsRules, objectLock);
    }
}
