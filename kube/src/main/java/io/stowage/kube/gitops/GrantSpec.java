package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Access of a user's key to one whole bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GrantSpec {

    @Required
    @JsonPropertyDescription("The bucket's name on the backend.")
    private String bucket;

    @Pattern("^(read-only|read-write)$")
    @JsonPropertyDescription("read-only or read-write (default).")
    private String access;

    public GrantSpec() {
    }

    public GrantSpec(String bucket, String access) {
        this.bucket = bucket;
        this.access = access;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getAccess() {
        return access;
    }

    public void setAccess(String access) {
        this.access = access;
    }
}
