package io.stowage.kube.gitops;

import io.stowage.backend.BucketQuota;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.QuotaParameters;
import java.util.HashMap;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Hard limits, of a bucket or of an account; an absent limit is no limit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QuotaSpec {

    @JsonPropertyDescription("Most bytes, a quantity such as 10Gi or 500M.")
    private String maxSize;

    @Min(0)
    @JsonPropertyDescription("Most objects.")
    private Long maxObjects;

    /** The limits as the backend takes them. */
    BucketQuota limits() throws ClaimRefusedException {
        Map<String, String> limits = new HashMap<>();
        if (maxSize != null) {
            limits.put(QuotaParameters.MAX_SIZE, maxSize);
        }
        if (maxObjects != null) {
            limits.put(QuotaParameters.MAX_OBJECTS, maxObjects.toString());
        }
        try {
            return QuotaParameters.read(limits, BucketQuota.NONE, "quota");
        } catch (InvalidSpecException e) {
            throw DesiredBucket.invalid(e.getMessage());
        }
    }

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
