package io.stowage.kube.operator;

import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.FrontEnd;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Which bucket provisioners the operator runs, and their shared settings.
 *
 * @param frontEnds the provisioners to run: ObjectBucketClaims, annotated Secrets, COSI (sidecar mode)
 * @param defaultBackend the backend Secret of annotated Secrets and BucketClasses that name none, or null
 * @param cosiDriverName the COSI driver name BucketClasses and BucketAccessClasses name to reach Stowage
 * @param cosiController whether the operator also does the upstream COSI controller's part (BucketClaim to
 *     Bucket), for clusters that have the COSI CRDs but not that controller
 * @param populatorPullSecrets Secrets of the operator's namespace the volume populator's pods pull their image with
 * @param rotationGrace how long a claim's, BucketAccess's or S3User's old key keeps working once its Secret holds the new one:
 *     a Secret mounted in a pod is updated by the kubelet only at its next sync, and a request in flight still signs
 *     with the old key
 */
public record ProvisioningConfig(Set<FrontEnd> frontEnds, BackendRef defaultBackend, String cosiDriverName,
        boolean cosiController, List<String> populatorPullSecrets, Duration rotationGrace) {

    public static final String DEFAULT_COSI_DRIVER_NAME = "cosi.stowage.io";
    public static final Duration DEFAULT_ROTATION_GRACE = Duration.ofMinutes(2);

    public ProvisioningConfig {
        frontEnds = Set.copyOf(frontEnds);
        populatorPullSecrets = List.copyOf(populatorPullSecrets);
        if (cosiController && !frontEnds.contains(FrontEnd.COSI)) {
            throw new IllegalArgumentException("--cosi-controller needs the cosi provisioner (--provisioners)");
        }
        if (rotationGrace.isNegative()) {
            throw new IllegalArgumentException("rotationGrace must not be negative");
        }
    }

    /** The settings with the default rotation grace. */
    public ProvisioningConfig(Set<FrontEnd> frontEnds, BackendRef defaultBackend, String cosiDriverName,
            boolean cosiController, List<String> populatorPullSecrets) {
        this(frontEnds, defaultBackend, cosiDriverName, cosiController, populatorPullSecrets, DEFAULT_ROTATION_GRACE);
    }

    /** No provisioner: the operator only runs ObjectStores. */
    public static ProvisioningConfig none() {
        return new ProvisioningConfig(Set.of(), null, DEFAULT_COSI_DRIVER_NAME, false, List.of());
    }

    public boolean runs(FrontEnd frontEnd) {
        return frontEnds.contains(frontEnd);
    }
}
