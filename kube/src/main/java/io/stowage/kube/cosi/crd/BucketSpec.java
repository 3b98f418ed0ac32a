package io.stowage.kube.cosi.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketSpec {

    @JsonPropertyDescription("The driver that provisions this bucket.")
    private String driverName;

    @JsonPropertyDescription("The BucketClass this bucket was made from.")
    private String bucketClassName;

    @JsonPropertyDescription("The BucketClaim bound to this bucket.")
    private ObjectReference bucketClaim;

    @JsonPropertyDescription("The protocols the bucket is reached by: S3, Azure, GCP.")
    private List<String> protocols;

    @JsonPropertyDescription("Opaque parameters for the driver, from the BucketClass.")
    private Map<String, String> parameters;

    @Default(CosiApi.DELETION_POLICY_RETAIN)
    @Pattern("^(Retain|Delete)$")
    @JsonPropertyDescription("Retain or Delete the bucket in the object store when this Bucket is deleted.")
    private String deletionPolicy;

    @JsonProperty("existingBucketID")
    @JsonPropertyDescription("The driver's id of a pre-existing bucket (brownfield); the driver creates none then.")
    private String existingBucketID;

    public String getDriverName() {
        return driverName;
    }

    public void setDriverName(String driverName) {
        this.driverName = driverName;
    }

    public String getBucketClassName() {
        return bucketClassName;
    }

    public void setBucketClassName(String bucketClassName) {
        this.bucketClassName = bucketClassName;
    }

    public ObjectReference getBucketClaim() {
        return bucketClaim;
    }

    public void setBucketClaim(ObjectReference bucketClaim) {
        this.bucketClaim = bucketClaim;
    }

    public List<String> getProtocols() {
        return protocols;
    }

    public void setProtocols(List<String> protocols) {
        this.protocols = protocols;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    public String getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(String deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public String getExistingBucketID() {
        return existingBucketID;
    }

    public void setExistingBucketID(String existingBucketID) {
        this.existingBucketID = existingBucketID;
    }
}
