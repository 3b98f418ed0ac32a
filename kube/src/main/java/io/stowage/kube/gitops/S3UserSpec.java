package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** An account with one access key, and the buckets that key reaches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3UserSpec {

    @JsonPropertyDescription("The backend the account lives on.")
    private BackendReference backendRef = new BackendReference();

    @JsonPropertyDescription("The account's name on the backend; it must begin with this namespace and a dot."
            + " Default: NAMESPACE.NAME. An existing account is adopted with its keys, which keep working (status"
            + " adoptedKeys); keys added to it later, other than the Secret's, are deleted.")
    private String account;

    @Required
    @JsonPropertyDescription("Secret of this namespace holding the key as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
    private String secretName;

    @Pattern("^(Generate|Secret)$")
    @JsonPropertyDescription("Generate (default): the operator generates the key once and writes the Secret, with the"
            + " endpoint. Secret: the key is taken from the Secret, which the operator only reads.")
    private String keySource;

    @JsonPropertyDescription("The buckets the key reaches; it reaches nothing else.")
    private List<GrantSpec> grants = new ArrayList<>();

    @JsonPropertyDescription("Hard limits on everything the account stores, all its buckets together; only on backends"
            + " with account quotas (Ceph RGW's user quota). Absent: left as it is.")
    private QuotaSpec quota;

    @Pattern("^(Retain|Delete)$")
    @JsonPropertyDescription("Retain (default): deleting the resource leaves the account and its key on the backend, and a"
            + " generated Secret with the key (no longer owned by the resource). Delete: deletes the account with its keys,"
            + " and a generated Secret; an account that still owns buckets is not deleted (AccountOwnsBuckets) until they"
            + " are deleted or handed over.")
    private String deletionPolicy;

    public QuotaSpec getQuota() {
        return quota;
    }

    public void setQuota(QuotaSpec quota) {
        this.quota = quota;
    }

    public BackendReference getBackendRef() {
        return backendRef;
    }

    public void setBackendRef(BackendReference backendRef) {
        this.backendRef = backendRef == null ? new BackendReference() : backendRef;
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getKeySource() {
        return keySource;
    }

    public void setKeySource(String keySource) {
        this.keySource = keySource;
    }

    public String getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(String deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public List<GrantSpec> getGrants() {
        return grants;
    }

    public void setGrants(List<GrantSpec> grants) {
        this.grants = grants == null ? new ArrayList<>() : grants;
    }
}
