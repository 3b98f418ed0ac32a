package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A lifecycle rule: what expires under a prefix, after how many days. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LifecycleRuleSpec {

    @Required
    @JsonPropertyDescription("The rule's ID, unique in the bucket.")
    private String id;

    @JsonPropertyDescription("Key prefix the rule applies to. Default: every object.")
    private String prefix;

    @JsonPropertyDescription("Default: true.")
    private Boolean enabled;

    @Min(1)
    @JsonPropertyDescription("Objects expire this many days after they were written.")
    private Integer expirationDays;

    @Min(1)
    @JsonPropertyDescription("Non-current versions are deleted this many days after they stopped being current.")
    private Integer noncurrentVersionExpirationDays;

    @Min(1)
    @JsonPropertyDescription("Unfinished multipart uploads are aborted this many days after they started.")
    private Integer abortIncompleteUploadDays;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getExpirationDays() {
        return expirationDays;
    }

    public void setExpirationDays(Integer expirationDays) {
        this.expirationDays = expirationDays;
    }

    public Integer getNoncurrentVersionExpirationDays() {
        return noncurrentVersionExpirationDays;
    }

    public void setNoncurrentVersionExpirationDays(Integer noncurrentVersionExpirationDays) {
        this.noncurrentVersionExpirationDays = noncurrentVersionExpirationDays;
    }

    public Integer getAbortIncompleteUploadDays() {
        return abortIncompleteUploadDays;
    }

    public void setAbortIncompleteUploadDays(Integer abortIncompleteUploadDays) {
        this.abortIncompleteUploadDays = abortIncompleteUploadDays;
    }
}
