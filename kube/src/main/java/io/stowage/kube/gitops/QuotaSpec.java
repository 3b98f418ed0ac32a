package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** A bucket's hard limits; an absent limit is no limit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QuotaSpec {

    @JsonPropertyDescription("Most bytes the bucket may hold, a quantity such as 10Gi or 500M.")
    private String maxSize;

    @Min(0)
    @JsonPropertyDescription("Most objects the bucket may hold.")
    private Long maxObjects;

    public String getMaxSize() {
        return maxSize;
    }

    public void setMaxSize(String maxSize) {
        this.maxSize = maxSize;
    }

    public Long getMaxObjects() {
        return maxObjects;
    }

    public void setMaxObjects(Long maxObjects) {
        this.maxObjects = maxObjects;
    }
}
