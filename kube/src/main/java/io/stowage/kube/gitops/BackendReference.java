package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Which backend a resource lives on: a backend Secret (docs/provisioning.md#the-backend-secret). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackendReference {

    @JsonPropertyDescription("The backend Secret, NAME (this namespace) or NAMESPACE/NAME; another namespace's only when it is"
            + " the operator's default backend. Absent: the operator's default backend.")
    private String secret;

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }
}
