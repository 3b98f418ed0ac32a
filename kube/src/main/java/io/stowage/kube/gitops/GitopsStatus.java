package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What S3Bucket and S3User status share: the generation handled, the Ready condition and the last error. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class GitopsStatus {

    @JsonPropertyDescription("The generation of the spec the status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready: True once the backend matches the spec; False with the reason otherwise.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The last failure's message; cleared when a reconcile succeeds.")
    private String lastError;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }
}
