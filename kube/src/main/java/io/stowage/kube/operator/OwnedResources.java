package io.stowage.kube.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.model.AdminTokenSecretModel;
import io.stowage.kube.model.EffectiveSpec;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.Membership;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.model.ObjectStoreNames;
import io.stowage.kube.model.PodDisruptionBudgetModel;
import io.stowage.kube.model.RootCredentialsSecretModel;
import io.stowage.kube.model.ServiceModels;
import io.stowage.kube.model.ServiceMonitorModel;
import io.stowage.kube.model.StatefulSetModel;
import io.stowage.kube.model.StorageChange;
import io.stowage.kube.model.TlsMount;
import io.stowage.kube.model.TlsSecretModels;
import io.stowage.kube.model.TopologyChange;
import java.net.HttpURLConnection;
import java.time.Clock;

/**
 * Writes everything an ObjectStore owns, in the order the pods need it: Secrets, Services, StatefulSet;
 * and for a cluster, changes its members around the StatefulSet's scaling.
 */
final class OwnedResources {

    /**
     * @param statefulSet as the server has it after the writes
     * @param membership what the cluster's Raft group looks like; null for a single server
     */
    record Written(StatefulSet statefulSet, Membership membership) {
    }

    private final KubernetesClient client;
    private final ResourceApplier applier = new ResourceApplier();
    private final ServerCertificates certificates;
    private final ClusterMembership members;

    OwnedResources(KubernetesClient client, Clock clock, ClusterMembership members) {
        this.client = client;
        this.certificates = new ServerCertificates(client, applier, clock);
        this.members = members;
    }

    Written write(ObjectStore store, EffectiveSpec spec) throws InvalidSpecException {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        StatefulSet existing = client.apps().statefulSets().inNamespace(names.namespace())
                .withName(names.statefulSet()).get();
        StorageChange.check(existing, spec);
        TopologyChange.check(existing, spec);
        adminToken(store, spec);
        if (spec.clustered()) {
            rootCredentials(store);
        }
        TlsMount tls = certificates.reconcile(store, spec);
        if (spec.clustered() && tls != null && !tls.caBundle()) {
            throw new MissingReferenceException("Secret " + tls.secretName() + " has no " + TlsSecretModels.CA_CERT
                    + ": the servers of a cluster verify each other's certificates against it");
        }
        applier.apply(ServiceModels.headless(store, spec), client::resource, ImmutableFields::service);
        applier.apply(ServiceModels.client(store, spec), client::resource, ImmutableFields::service);
        applier.apply(PodDisruptionBudgetModel.desired(store), client::resource);
        serviceMonitor(store, spec);
        if (!spec.clustered()) {
            return new Written(statefulSet(store, spec, tls), null);
        }
        return cluster(store, spec, tls, existing);
    }

    /**
     * The first pods form the group from their peers. Later, pods leave the group before the StatefulSet
     * drops them (it keeps them while they cannot), and join it after the StatefulSet started them.
     */
    private Written cluster(ObjectStore store, EffectiveSpec spec, TlsMount tls, StatefulSet existing)
            throws InvalidSpecException {
        if (existing == null) {
            return new Written(statefulSet(store, spec, tls), Membership.unknown());
        }
        int pods = existing.getSpec().getReplicas();
        if (spec.replicas() < pods) {
            Membership membership = members.sync(store, spec, tls, existing);
            EffectiveSpec kept = ClusterMembership.leftGroup(membership) ? spec : spec.withReplicas(pods);
            return new Written(statefulSet(store, kept, tls), membership);
        }
        StatefulSet statefulSet = statefulSet(store, spec, tls);
        return new Written(statefulSet, members.sync(store, spec, tls, statefulSet));
    }

    private StatefulSet statefulSet(ObjectStore store, EffectiveSpec spec, TlsMount tls) throws InvalidSpecException {
        return applier.apply(StatefulSetModel.desired(store, spec, tls), client::resource, ImmutableFields::statefulSet);
    }

    /** Generated once; an existing Secret of that name is never rewritten, only checked. */
    private void adminToken(ObjectStore store, EffectiveSpec spec) throws MissingReferenceException {
        Secret secret = applier.createIfAbsent(AdminTokenSecretModel.generate(store, spec), client::resource);
        if (!AdminTokenSecretModel.hasToken(secret)) {
            throw new MissingReferenceException("Secret " + spec.adminTokenSecret() + " has no key "
                    + AdminTokenSecretModel.KEY + " (the admin API token)");
        }
    }

    /** Generated once, like the admin token: every pod of a cluster must have the same root key pair. */
    private void rootCredentials(ObjectStore store) throws MissingReferenceException {
        Secret secret = applier.createIfAbsent(RootCredentialsSecretModel.generate(store), client::resource);
        if (!RootCredentialsSecretModel.isUsable(secret)) {
            throw new MissingReferenceException("Secret " + secret.getMetadata().getName() + " has no usable "
                    + RootCredentialsSecretModel.ACCESS_KEY + " (3 to 128 characters) and "
                    + RootCredentialsSecretModel.SECRET_KEY + " (8 to 128): delete it to have a new pair generated");
        }
    }

    private void serviceMonitor(ObjectStore store, EffectiveSpec spec) throws InvalidSpecException {
        GenericKubernetesResource monitor = ServiceMonitorModel.desired(store);
        if (!spec.serviceMonitor()) {
            applier.deleteIfOwned(monitor, this::serviceMonitorHandle);
            return;
        }
        try {
            applier.apply(monitor, this::serviceMonitorHandle);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                throw new MissingReferenceException("spec.metrics.serviceMonitor: this cluster has no"
                        + " monitoring.coreos.com/v1 ServiceMonitor API; install the Prometheus Operator or turn it off");
            }
            throw e;
        }
    }

    private Resource<GenericKubernetesResource> serviceMonitorHandle(GenericKubernetesResource monitor) {
        return client.genericKubernetesResources(ServiceMonitorModel.CONTEXT)
                .inNamespace(monitor.getMetadata().getNamespace()).resource(monitor);
    }
}
