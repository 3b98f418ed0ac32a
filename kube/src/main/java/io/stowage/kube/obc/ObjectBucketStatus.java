package io.stowage.kube.obc;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An ObjectBucket's phase: Bound, Released or Failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectBucketStatus {

    private BucketPhase phase;

    public ObjectBucketStatus() {
    }

    public ObjectBucketStatus(BucketPhase phase) {
        this.phase = phase;
    }

    public BucketPhase getPhase() {
        return phase;
    }

    public void setPhase(BucketPhase phase) {
        this.phase = phase;
    }
}
