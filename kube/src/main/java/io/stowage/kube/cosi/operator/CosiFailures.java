package io.stowage.kube.cosi.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.stowage.kube.provision.FrontEnd;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ProvisioningMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports a {@link CosiFailure} where users look (events, metrics, the log) and turns it into what JOSDK does next. */
final class CosiFailures {

    /** How soon a failure whose fix lies outside the object is checked again. */
    static final Duration RECHECK = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(CosiFailures.class);

    /** Thrown for a transient failure, so that JOSDK's retry repeats the reconcile with backoff. */
    static final class RetryableFailure extends RuntimeException {
        RetryableFailure(CosiFailure failure) {
            super(failure.reason() + ": " + failure.message());
        }
    }

    private final KubeEvents events;
    private final ProvisioningMetrics metrics;

    CosiFailures(KubeEvents events, ProvisioningMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * @param on the objects to record the event on (the first is the one reconciled; null entries are skipped)
     * @throws RetryableFailure for {@link CosiFailure.Handling#RETRY_WITH_BACKOFF}
     */
    <P extends HasMetadata> UpdateControl<P> handle(CosiFailure failure, HasMetadata... on) {
        HasMetadata primary = on[0];
        LOG.warn("{} {}: {}: {}", primary.getKind(), primary.getMetadata().getName(), failure.reason(), failure.message());
        Stream.of(on).filter(Objects::nonNull).forEach(o -> events.warning(o, failure.reason(), failure.message()));
        metrics.failed(FrontEnd.COSI, failure.reason());
        return switch (failure.handling()) {
            case RETRY_WITH_BACKOFF -> throw new RetryableFailure(failure);
            case RECHECK_LATER -> UpdateControl.<P>noUpdate().rescheduleAfter(RECHECK);
            case WAIT_FOR_CHANGE -> UpdateControl.noUpdate();
        };
    }
}
