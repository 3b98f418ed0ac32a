package io.stowage.kube.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed at its last reconcile. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectStoreStatus {

    @JsonPropertyDescription("Ready, Progressing and Degraded, each with a reason.")
    private List<Condition> conditions = new ArrayList<>();

    private Long observedGeneration;

    private Integer readyReplicas;

    @JsonPropertyDescription("The S3 endpoint inside the cluster.")
    private String endpoint;

    @JsonPropertyDescription("Secret whose key ca.crt holds the CA bundle S3 clients should trust.")
    private String caSecretName;

    @JsonPropertyDescription("The Raft group's members (pod names) as its leader last reported them; replicas above 1 only.")
    private List<String> members;

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getCaSecretName() {
        return caSecretName;
    }

    public void setCaSecretName(String caSecretName) {
        this.caSecretName = caSecretName;
    }

    public List<String> getMembers() {
        return members;
    }

    public void setMembers(List<String> members) {
        this.members = members;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectStoreStatus s && Objects.equals(conditions, s.conditions)
                && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(readyReplicas, s.readyReplicas) && Objects.equals(endpoint, s.endpoint)
                && Objects.equals(caSecretName, s.caSecretName) && Objects.equals(members, s.members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conditions, observedGeneration, readyReplicas, endpoint, caSecretName, members);
    }
}
