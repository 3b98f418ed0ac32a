package io.stowage.kube.cosi.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketClaimStatus {

    @JsonPropertyDescription("Whether the bucket exists in the object store.")
    private Boolean bucketReady;

    @JsonPropertyDescription("The Bucket this claim is bound to.")
    private String bucketName;

    public Boolean getBucketReady() {
        return bucketReady;
    }

    public void setBucketReady(Boolean bucketReady) {
        this.bucketReady = bucketReady;
    }

    public String getBucketName() {
        return bucketName;
    }

    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }
}
