package io.stowage.kube.obc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** A claim's phase: Pending, Bound, Released or Failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectBucketClaimStatus {

    private ClaimPhase phase;

    public ObjectBucketClaimStatus() {
    }

    public ObjectBucketClaimStatus(ClaimPhase phase) {
        this.phase = phase;
    }

    public ClaimPhase getPhase() {
        return phase;
    }

    public void setPhase(ClaimPhase phase) {
        this.phase = phase;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectBucketClaimStatus other && phase == other.phase;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(phase);
    }
}
