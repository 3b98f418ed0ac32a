package io.stowage.kube.obc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.HashMap;
import java.util.Map;

/** What a claim asks for, field for field as lib-bucket-provisioner defines it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectBucketClaimSpec {

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("StorageClass whose provisioner serves this claim.")
    private String storageClassName;

    @JsonPropertyDescription("Name of the bucket. Takes precedence over generateBucketName.")
    private String bucketName;

    @JsonPropertyDescription("Prefix of a generated bucket name: <prefix>-<random UUID>.")
    private String generateBucketName;

    @JsonPropertyDescription("Provisioner-specific settings (Stowage: maxSize, maxObjects, access).")
    private Map<String, String> additionalConfig = new HashMap<>();

    @JsonPropertyDescription("Set by the provisioner: the ObjectBucket this claim is bound to.")
    private String objectBucketName;

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public String getBucketName() {
        return bucketName;
    }

    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }

    public String getGenerateBucketName() {
        return generateBucketName;
    }

    public void setGenerateBucketName(String generateBucketName) {
        this.generateBucketName = generateBucketName;
    }

    public Map<String, String> getAdditionalConfig() {
        return additionalConfig;
    }

    public void setAdditionalConfig(Map<String, String> additionalConfig) {
        this.additionalConfig = additionalConfig;
    }

    public String getObjectBucketName() {
        return objectBucketName;
    }

    public void setObjectBucketName(String objectBucketName) {
        this.objectBucketName = objectBucketName;
    }
}
