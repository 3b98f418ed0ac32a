package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Access of a user's key to one bucket, or to a key prefix of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GrantSpec {

    @Required
    @JsonPropertyDescription("The bucket's name on the backend.")
    private String bucket;

    @JsonPropertyDescription("A key prefix, such as 'reports/': the key reaches only the objects under it (and lists"
            + " only with a prefix inside it). Absent or empty: the whole bucket.")
    private String prefix;

    @Pattern("^(read-only|read-write|write-only)$")
    @JsonPropertyDescription("read-only, read-write (default) or write-only (put objects, never read or list them).")
    private String access;

    public GrantSpec() {
    }

    public GrantSpec(String bucket, String access) {
        this(bucket, null, access);
    }

    public GrantSpec(String bucket, String prefix, String access) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.access = access;
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

    public String getAccess() {
        return access;
    }

    public void setAccess(String access) {
        this.access = access;
    }
}
