package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The account, its key's id and its grants as the operator last found them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3UserStatus extends GitopsStatus {

    @JsonPropertyDescription("The account's name on the backend.")
    private String account;

    @JsonPropertyDescription("The id of the key the Secret holds.")
    private String accessKeyId;

    @JsonPropertyDescription("The grants the key holds, as BUCKET:ACCESS.")
    private List<String> grants = new ArrayList<>();

    @JsonPropertyDescription("The last stowage.io/rotate-credentials value handled.")
    private String rotated;

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public List<String> getGrants() {
        return grants;
    }

    public void setGrants(List<String> grants) {
        this.grants = grants == null ? new ArrayList<>() : grants;
    }

    public String getRotated() {
        return rotated;
    }

    public void setRotated(String rotated) {
        this.rotated = rotated;
    }
}
