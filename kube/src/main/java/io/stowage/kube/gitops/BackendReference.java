package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Which backend a resource lives on: a backend Secret (docs/provisioning.md#the-backend-secret), or an ObjectStore of the
 * operator's; neither is the operator's default backend.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackendReference {

    @JsonPropertyDescription("The backend Secret, NAME (this namespace) or NAMESPACE/NAME; another namespace's only when it is"
            + " the operator's default backend. Not with objectStore. Neither: the operator's default backend.")
    private String secret;

    @JsonPropertyDescription("An ObjectStore of this namespace, reached at its Service with its admin token. Not with secret.")
    private String objectStore;

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getObjectStore() {
        return objectStore;
    }

    public void setObjectStore(String objectStore) {
        this.objectStore = objectStore;
    }
}
