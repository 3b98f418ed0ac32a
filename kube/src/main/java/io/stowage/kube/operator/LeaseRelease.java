package io.stowage.kube.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up the leader election Lease when this replica holds it, as fabric8's elector does on release:
 * no holder, a 1 s duration. JOSDK 5.2 stops its elector without releasing (releaseOnCancel off), which
 * would leave a standby waiting out the whole lease duration before it takes over.
 */
final class LeaseRelease {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

    private LeaseRelease() {
    }

    /** @param namespace the Lease's namespace; null for the client's */
    static void release(KubernetesClient client, String namespace, String name, String identity) {
        try {
            Lease lease = client.leases().inNamespace(namespace == null ? client.getNamespace() : namespace)
                    .withName(name).get();
            if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(ZonedDateTime.now());
            // An update, not a patch: it fails if another replica took the Lease since the read.
            client.resource(lease).update();
            LOG.info("Released the Lease {}", name);
        } catch (KubernetesClientException e) {
            LOG.warn("Could not release the Lease {}; a standby takes over once it expires: {}", name, e.getMessage());
        }
    }
}
