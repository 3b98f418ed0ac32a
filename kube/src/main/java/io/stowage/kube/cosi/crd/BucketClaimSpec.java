package io.stowage.kube.cosi.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketClaimSpec {

    @JsonPropertyDescription("The BucketClass of a new bucket.")
    private String bucketClassName;

    @JsonPropertyDescription("The protocols the workload speaks: S3, Azure, GCP.")
    private List<String> protocols;

    @JsonPropertyDescription("The name of an existing Bucket to bind to, instead of a new one.")
    private String existingBucketName;

    public String getBucketClassName() {
        return bucketClassName;
    }

    public void setBucketClassName(String bucketClassName) {
        this.bucketClassName = bucketClassName;
    }

    public List<String> getProtocols() {
        return protocols;
    }

    public void setProtocols(List<String> protocols) {
        this.protocols = protocols;
    }

    public String getExistingBucketName() {
        return existingBucketName;
    }

    public void setExistingBucketName(String existingBucketName) {
        this.existingBucketName = existingBucketName;
    }
}
