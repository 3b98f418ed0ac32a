package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A bucket policy kept in a ConfigMap of the S3Bucket's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyRefSpec {

    @Required
    @JsonPropertyDescription("The ConfigMap, in the S3Bucket's namespace.")
    private String configMapName;

    @Required
    @JsonPropertyDescription("The ConfigMap's key whose value is the policy document (JSON).")
    private String key;

    public PolicyRefSpec() {
    }

    public PolicyRefSpec(String configMapName, String key) {
        this.configMapName = configMapName;
        this.key = key;
    }

    public String getConfigMapName() {
        return configMapName;
    }

    public void setConfigMapName(String configMapName) {
        this.configMapName = configMapName;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
