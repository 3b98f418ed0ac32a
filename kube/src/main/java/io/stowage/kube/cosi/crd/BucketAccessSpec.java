package io.stowage.kube.cosi.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketAccessSpec {

    @JsonPropertyDescription("The BucketClaim, in this namespace, whose bucket to access.")
    private String bucketClaimName;

    @JsonPropertyDescription("The protocol the credentials are for: S3, Azure, GCP.")
    private String protocol;

    @JsonPropertyDescription("The BucketAccessClass that says how access is granted.")
    private String bucketAccessClassName;

    @JsonPropertyDescription("The Secret, in this namespace, the credentials are written to; an existing one is not overwritten.")
    private String credentialsSecretName;

    @JsonPropertyDescription("The service account IAM access is granted to.")
    private String serviceAccountName;

    public String getBucketClaimName() {
        return bucketClaimName;
    }

    public void setBucketClaimName(String bucketClaimName) {
        this.bucketClaimName = bucketClaimName;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getBucketAccessClassName() {
        return bucketAccessClassName;
    }

    public void setBucketAccessClassName(String bucketAccessClassName) {
        this.bucketAccessClassName = bucketAccessClassName;
    }

    public String getCredentialsSecretName() {
        return credentialsSecretName;
    }

    public void setCredentialsSecretName(String credentialsSecretName) {
        this.credentialsSecretName = credentialsSecretName;
    }

    public String getServiceAccountName() {
        return serviceAccountName;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }
}
