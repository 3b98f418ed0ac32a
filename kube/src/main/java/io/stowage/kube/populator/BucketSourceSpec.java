package io.stowage.kube.populator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Where the data is and who may read it; the fields of {@code stowage populate}'s options. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketSourceSpec {

    @Pattern("^https?://.+")
    @JsonPropertyDescription("S3 endpoint URL (http:// or https://), addressed path-style. Either this or objectStoreRef.")
    private String endpoint;

    @JsonPropertyDescription("An ObjectStore of this namespace whose S3 endpoint to read. Either this or endpoint.")
    private String objectStoreRef;

    @Required
    @Size(min = 3)
    @JsonPropertyDescription("The bucket.")
    private String bucket;

    @JsonPropertyDescription("Copy keys starting with this; it is removed from the paths written. Default: the whole bucket.")
    private String prefix;

    @JsonPropertyDescription("The region requests are signed for. Default: us-east-1.")
    private String region;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Secret of this namespace with accessKeyID, secretAccessKey and optionally caBundle (PEM).")
    private String credentialsSecret;

    @JsonPropertyDescription("Copy only keys (relative to the prefix) matching one of these globs.")
    private List<String> include = new ArrayList<>();

    @JsonPropertyDescription("Skip keys (relative to the prefix) matching one of these globs.")
    private List<String> exclude = new ArrayList<>();

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getObjectStoreRef() {
        return objectStoreRef;
    }

    public void setObjectStoreRef(String objectStoreRef) {
        this.objectStoreRef = objectStoreRef;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(String credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }

    public List<String> getInclude() {
        return include;
    }

    public void setInclude(List<String> include) {
        this.include = include == null ? new ArrayList<>() : include;
    }

    public List<String> getExclude() {
        return exclude;
    }

    public void setExclude(List<String> exclude) {
        this.exclude = exclude == null ? new ArrayList<>() : exclude;
    }
}
