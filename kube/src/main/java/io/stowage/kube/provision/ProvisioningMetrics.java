package io.stowage.kube.provision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * What the provisioners did: claims provisioned and failures per front end and reason, and the time from
 * a claim's creation to the credentials its workload reads.
 */
public final class ProvisioningMetrics {

    private final MeterRegistry registry;

    public ProvisioningMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A claim's credentials were written for the first time, {@code latency} after the claim was created. */
    public void provisioned(FrontEnd frontEnd, Duration latency) {
        Counter.builder("stowage_provisioning_provisioned")
                .description("Claims whose credentials were written")
                .tag("frontend", frontEnd.label())
                .register(registry).increment();
        Timer.builder("stowage_provisioning_claim_to_credentials")
                .description("Time from a claim's creation to its credentials being written")
                .tag("frontend", frontEnd.label())
                .publishPercentileHistogram()
                .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /**
     * An attempt failed.
     *
     * @param reason a short fixed word (the event reason, e.g. {@code BackendUnavailable}), never a message
     */
    public void failed(FrontEnd frontEnd, String reason) {
        Counter.builder("stowage_provisioning_failures")
                .description("Provisioning attempts that failed, by reason")
                .tag("frontend", frontEnd.label())
                .tag("reason", reason)
                .register(registry).increment();
    }
}
