package io.stowage.kube.obc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.util.HashMap;
import java.util.Map;

/**
 * An ObjectBucket's spec. lib-bucket-provisioner inlines its {@code Connection} here: {@code endpoint}
 * and {@code additionalState} sit directly in the spec (its credentials are never stored on the object).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectBucketSpec {

    private String storageClassName;

    @JsonPropertyDescription("Delete or Retain: what happens to the bucket when its claim is deleted.")
    private String reclaimPolicy;

    private ObjectReference claimRef;

    private BucketEndpoint endpoint;

    @JsonPropertyDescription("Provisioner-specific state.")
    private Map<String, String> additionalState = new HashMap<>();

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public String getReclaimPolicy() {
        return reclaimPolicy;
    }

    public void setReclaimPolicy(String reclaimPolicy) {
        this.reclaimPolicy = reclaimPolicy;
    }

    public ObjectReference getClaimRef() {
        return claimRef;
    }

    public void setClaimRef(ObjectReference claimRef) {
        this.claimRef = claimRef;
    }

    public BucketEndpoint getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(BucketEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public Map<String, String> getAdditionalState() {
        return additionalState;
    }

    public void setAdditionalState(Map<String, String> additionalState) {
        this.additionalState = additionalState;
    }
}
