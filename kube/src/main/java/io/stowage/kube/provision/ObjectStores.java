package io.stowage.kube.provision;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.model.EffectiveSpec;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.ObjectStoreNames;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.model.SpecValidator;
import io.stowage.kube.model.TlsSecretModels;

/** Resolves a front end's reference to an ObjectStore of the operator's into {@link ObjectStoreAccess}. */
public final class ObjectStores {

    private final KubernetesClient client;
    private final String image;

    /** @param image the operator's default server image, which ObjectStores that name none are validated with */
    public ObjectStores(KubernetesClient client, String image) {
        this.client = client;
        this.image = image;
    }

    /**
     * @param referrer what names the ObjectStore, for the messages (e.g. "the BucketSource's")
     * @throws ClaimRefusedException ObjectStoreNotFound, or ObjectStoreInvalid when its spec is
     */
    public ObjectStoreAccess resolve(String namespace, String name, String referrer) throws ClaimRefusedException {
        ObjectStore store = client.resources(ObjectStore.class).inNamespace(namespace).withName(name).get();
        if (store == null) {
            throw new ClaimRefusedException("ObjectStoreNotFound", referrer + " ObjectStore " + namespace + "/" + name
                    + " does not exist");
        }
        EffectiveSpec spec;
        try {
            spec = SpecValidator.validate(store, image);
        } catch (InvalidSpecException e) {
            throw new ClaimRefusedException("ObjectStoreInvalid", referrer + " ObjectStore " + namespace + "/" + name
                    + " is invalid: " + e.getMessage());
        }
        String caBundle = null;
        if (spec.tls() && spec.tlsSecret() != null) {
            Secret tls = client.secrets().inNamespace(namespace).withName(spec.tlsSecret()).get();
            if (tls != null && tls.getData() != null && tls.getData().containsKey(TlsSecretModels.CA_CERT)) {
                caBundle = SecretData.decode(tls, TlsSecretModels.CA_CERT);
            }
        }
        return new ObjectStoreAccess(store, ObjectStoreNames.of(store), spec, caBundle);
    }
}
