package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the bucket is and how the operator last found it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3BucketStatus extends GitopsStatus {

    @JsonPropertyDescription("The bucket's name on the backend, once made or adopted.")
    private String bucketName;

    @JsonPropertyDescription("The bucket as last observed, after drift was put back.")
    private ObservedBucket observed;

    public String getBucketName() {
        return bucketName;
    }

    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }

    public ObservedBucket getObserved() {
        return observed;
    }

    public void setObserved(ObservedBucket observed) {
        this.observed = observed;
    }
}
