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
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.model.ObjectStoreNames;
import io.stowage.kube.model.PodDisruptionBudgetModel;
import io.stowage.kube.model.ServiceModels;
import io.stowage.kube.model.ServiceMonitorModel;
import io.stowage.kube.model.StatefulSetModel;
import io.stowage.kube.model.StorageChange;
import io.stowage.kube.model.TlsMount;
import java.net.HttpURLConnection;
import java.time.Clock;

/** Writes everything an ObjectStore owns, in the order the pods need it: Secrets, Services, StatefulSet. */
final class OwnedResources {

    private final KubernetesClient client;
    private final ResourceApplier applier = new ResourceApplier();
    private final ServerCertificates certificates;

    OwnedResources(KubernetesClient client, Clock clock) {
        this.client = client;
        this.certificates = new ServerCertificates(client, applier, clock);
    }

    /** @return the StatefulSet as the server has it after the writes */
    StatefulSet write(ObjectStore store, EffectiveSpec spec) throws InvalidSpecException {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        StatefulSet existing = client.apps().statefulSets().inNamespace(names.namespace())
                .withName(names.statefulSet()).get();
        StorageChange.check(existing, spec);
        adminToken(store, spec);
        TlsMount tls = certificates.reconcile(store, spec);
        applier.apply(ServiceModels.headless(store), client::resource, ImmutableFields::service);
        applier.apply(ServiceModels.client(store, spec), client::resource, ImmutableFields::service);
        applier.apply(PodDisruptionBudgetModel.desired(store), client::resource);
        serviceMonitor(store, spec);
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
