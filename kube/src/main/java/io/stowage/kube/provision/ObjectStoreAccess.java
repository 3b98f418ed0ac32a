package io.stowage.kube.provision;

import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.model.EffectiveSpec;
import io.stowage.kube.model.ObjectStoreNames;

/**
 * How the operator's front ends reach one of its ObjectStores: by its client Service inside the cluster, over TLS when
 * it has TLS.
 *
 * @param store the ObjectStore, which what the front ends make for it is owned by
 * @param spec the ObjectStore's validated spec (its admin token Secret, region, replicas)
 * @param caBundle with TLS, the CA its certificate chains to, from the certificate Secret's {@code ca.crt}; null when
 *     unknown (no TLS, or a certificate Secret without one)
 */
public record ObjectStoreAccess(ObjectStore store, ObjectStoreNames names, EffectiveSpec spec, String caBundle) {

    /** The S3 URL inside the cluster. */
    public String endpoint() {
        return names.endpoint(spec.tls());
    }

    /** The admin API's URL inside the cluster. */
    public String adminEndpoint() {
        return names.adminEndpoint(spec.tls());
    }

    @Override
    public String toString() {
        return "ObjectStore " + names.namespace() + "/" + names.name();
    }
}
