package io.stowage.kube.cosi.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketAccessStatus {

    @JsonProperty("accountID")
    @JsonPropertyDescription("The driver's id of the account access was granted to.")
    private String accountID;

    @JsonPropertyDescription("Whether access is granted and the credentials Secret written.")
    private Boolean accessGranted;

    public String getAccountID() {
        return accountID;
    }

    public void setAccountID(String accountID) {
        this.accountID = accountID;
    }

    public Boolean getAccessGranted() {
        return accessGranted;
    }

    public void setAccessGranted(Boolean accessGranted) {
        this.accessGranted = accessGranted;
    }
}
