package io.stowage.kube.cosi.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketStatus {

    @JsonPropertyDescription("Whether the bucket exists in the object store.")
    private Boolean bucketReady;

    @JsonProperty("bucketID")
    @JsonPropertyDescription("The driver's id of the bucket.")
    private String bucketID;

    public Boolean getBucketReady() {
        return bucketReady;
    }

    public void setBucketReady(Boolean bucketReady) {
        this.bucketReady = bucketReady;
    }

    public String getBucketID() {
        return bucketID;
    }

    public void setBucketID(String bucketID) {
        this.bucketID = bucketID;
    }
}
