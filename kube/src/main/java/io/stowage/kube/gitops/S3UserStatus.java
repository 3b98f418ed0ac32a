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

    @JsonPropertyDescription("Keys the account already had when this S3User adopted it, which the operator leaves working;"
            + " those deleted since (by hand) are dropped from the list.")
    private List<String> adoptedKeys = new ArrayList<>();

    @JsonPropertyDescription("The key the Secret held before its last change, which keeps working until retireAt so that"
            + " clients reread the Secret first.")
    private String retiringKey;

    @JsonPropertyDescription("When retiringKey is deleted (RFC 3339).")
    private String retireAt;

    public String getRetiringKey() {
        return retiringKey;
    }

    public void setRetiringKey(String retiringKey) {
        this.retiringKey = retiringKey;
    }

    public String getRetireAt() {
        return retireAt;
    }

    public void setRetireAt(String retireAt) {
        this.retireAt = retireAt;
    }

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

    public List<String> getAdoptedKeys() {
        return adoptedKeys;
    }

    public void setAdoptedKeys(List<String> adoptedKeys) {
        this.adoptedKeys = adoptedKeys == null ? new ArrayList<>() : adoptedKeys;
    }

    public String getRotated() {
        return rotated;
    }

    public void setRotated(String rotated) {
        this.rotated = rotated;
    }
}
