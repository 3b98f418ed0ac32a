package io.stowage.kube.gitops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.kube.model.AdminTokenSecretModel;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.ObjectStoreAccess;
import io.stowage.kube.provision.ObjectStores;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The backend a GitOps resource names, a backend Secret or an ObjectStore, with the S3 key for the bucket settings that only
 * S3 reaches (versioning, policy): the backend Secret's optional {@code accessKey}/{@code secretKey} (on Stowage, the root
 * key), or on an ObjectStore the key of the operator's own admin user ({@link StoreGitopsKey}).
 */
final class GitopsBackends {

    private final KubernetesClient client;
    private final BackendResolver resolver;
    private final ObjectStores stores;
    private final GitopsSettings settings;
    private final StoreGitopsKey storeKeys;

    GitopsBackends(KubernetesClient client, BackendResolver resolver, ObjectStores stores, GitopsSettings settings) {
        this.client = client;
        this.resolver = resolver;
        this.stores = stores;
        this.settings = settings;
        this.storeKeys = new StoreGitopsKey(client);
    }

    /**
     * The backend the reference names, or the default. Whoever may write these resources in a namespace may name a backend
     * Secret or ObjectStore of it: another namespace's backend Secret (and its admin token) is theirs only when it is the
     * default.
     */
    GitopsBackend resolve(HasMetadata resource, BackendReference reference) throws ClaimRefusedException,
            MissingReferenceException {
        String store = reference == null ? null : reference.getObjectStore();
        if (store != null && !store.isBlank()) {
            if (reference.getSecret() != null && !reference.getSecret().isBlank()) {
                throw new ClaimRefusedException("InvalidSpec", "backendRef names both a Secret and an ObjectStore: name one");
            }
            ObjectStoreAccess access;
            try {
                access = stores.resolve(resource.getMetadata().getNamespace(), store.strip(), "backendRef.objectStore:");
            } catch (ClaimRefusedException e) {
                // as a missing backend Secret: looked for again, since Git often applies the ObjectStore alongside
                throw new MissingReferenceException(e.getMessage());
            }
            return objectStore(access);
        }
        BackendRef ref = ref(resource, reference);
        BucketBackend backend = resolver.backend(ref);
        Map<String, String> data = BackendResolver.data(secret(ref.namespace(), ref.name(), "the backend's settings"));
        return new GitopsBackend(backend, key(data, "accessKey", "secretKey").map(key -> (GitopsBackend.S3Key) () -> key),
                "the backend Secret " + ref + " needs accessKey and secretKey (on Stowage, the root key)");
    }

    private BackendRef ref(HasMetadata resource, BackendReference reference) throws ClaimRefusedException {
        String namespace = resource.getMetadata().getNamespace();
        if (reference == null || reference.getSecret() == null || reference.getSecret().isBlank()) {
            return settings.defaultBackend().orElseThrow(() -> new ClaimRefusedException("NoBackend",
                    "backendRef names no backend Secret or ObjectStore and the operator has no default backend"));
        }
        BackendRef ref;
        try {
            ref = BackendRef.parse(reference.getSecret(), namespace, "backendRef.secret");
        } catch (InvalidSpecException e) {
            throw new ClaimRefusedException("InvalidSpec", e.getMessage());
        }
        if (!ref.namespace().equals(namespace) && !settings.defaultBackend().map(ref::equals).orElse(false)) {
            throw new ClaimRefusedException("BackendNotAllowed", "backend Secret " + ref + " is in another namespace: name one of"
                    + " this namespace, or the operator's default backend");
        }
        return ref;
    }

    /**
     * An ObjectStore as the ObjectStore operator left it (its admin token Secret), with the operator's own admin key on it,
     * made and installed only when an S3 request needs it.
     */
    private GitopsBackend objectStore(ObjectStoreAccess store) throws MissingReferenceException {
        Map<String, String> token = BackendResolver.data(secret(store.names().namespace(), store.spec().adminTokenSecret(),
                "the admin token of " + store));
        String adminToken = token.get(AdminTokenSecretModel.KEY);
        if (adminToken == null || adminToken.isBlank()) {
            throw new MissingReferenceException("the admin token Secret of " + store + " has no '" + AdminTokenSecretModel.KEY
                    + "'");
        }
        BackendSettings backend = new BackendSettings(BackendSettings.STOWAGE,
                settings.storeAddresses().apply(URI.create(store.endpoint())),
                settings.storeAddresses().apply(URI.create(store.adminEndpoint())), adminToken.strip(), null,
                store.spec().region(), AddressingStyle.PATH, store.caBundle(), null);
        return new GitopsBackend(resolver.backend(store, backend), Optional.of(() -> storeKeys.ensure(store, backend)), null);
    }

    /** @param holding what the Secret holds, for the message */
    private Secret secret(String namespace, String name, String holding) throws MissingReferenceException {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new MissingReferenceException("Secret " + namespace + "/" + name + " (" + holding + ") does not exist");
        }
        return secret;
    }

    private static Optional<AccessKey> key(Map<String, String> data, String idKey, String secretKey) {
        String id = data.get(idKey);
        String key = data.get(secretKey);
        if (id == null || id.isBlank() || key == null || key.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AccessKey(id.strip(), key.strip()));
    }
}
