package io.stowage.kube.gitops;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import io.stowage.admin.client.Key;
import io.stowage.admin.client.KeyPair;
import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendSettings;
import io.stowage.kube.model.OwnedMetadata;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.provision.ObjectStoreAccess;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The S3 key GitOps signs an ObjectStore's bucket settings with (versioning, policy, lifecycle, CORS, object lock): the key
 * of an admin user {@value #USER} that the operator makes on the store through its admin API, kept in the Secret
 * {@code <store>-gitops-credentials} beside the store (owned by it, so it goes with it). The key is written to the
 * Secret before the server sees it, and installing it is idempotent, so a crash in between is finished by the next call.
 * Deleting the Secret replaces the key: the next call makes a new one, installs it and deletes the user's other keys.
 * The server's own root key, which a single server keeps in its data directory, is never needed.
 */
final class StoreGitopsKey {

    static final String USER = "stowage-gitops";
    static final String ACCESS_KEY = "accessKey";
    static final String SECRET_KEY = "secretKey";

    private final KubernetesClient client;
    /** STORE-UID/KEY-ID of the keys installed by this process. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    StoreGitopsKey(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The key, made and installed on the store first when need be: the user made as an admin with it, or, when the user is
     * there, the key added and the user's other keys deleted (a key whose Secret was deleted must stop working). Done once
     * per store and key in this process: later calls read the Secret only.
     *
     * @throws GitopsKeyRefusedException when a user {@value #USER} exists on the store without admin rights
     */
    AccessKey ensure(ObjectStoreAccess store, BackendSettings settings) throws GitopsKeyRefusedException {
        AccessKey key = stored(store);
        String installed = store.store().getMetadata().getUid() + "/" + key.id();
        if (ensured.contains(installed)) {
            return key;
        }
        AdminClient.Builder builder = AdminClient.builder(settings.adminEndpoint()).token(settings.adminToken());
        if (settings.caBundle() != null) {
            builder.trustedCertificates(settings.caBundle().getBytes(StandardCharsets.US_ASCII));
        }
        try (AdminClient admin = builder.build()) {
            install(store, admin, key);
        } catch (AdminApiException e) {
            throw new BackendException(e.isRetryable() ? BackendException.Reason.UNAVAILABLE : BackendException.Reason.ofHttpStatus(
                    e.status()), store + ": cannot install the operator's GitOps key (user " + USER + "): " + e.getMessage(), e);
        }
        ensured.add(installed);
        return key;
    }

    private static void install(ObjectStoreAccess store, AdminClient admin, AccessKey key) throws GitopsKeyRefusedException {
        KeyPair pair = new KeyPair(key.id(), key.secret());
        try {
            // made with the key, or, when it was there (its Secret was deleted, say), given the key
            admin.createUser(USER, true, pair);
        } catch (AdminApiException e) {
            if (!e.isConflict()) {
                throw e;
            }
            // the user is there without admin rights (someone else's), or the key id is another user's
            if (!admin.getUser(USER).admin()) {
                throw new GitopsKeyRefusedException(store + " has a user " + USER + " without admin rights, which the"
                        + " operator would sign the bucket settings set over S3 with: delete that user, and the operator makes"
                        + " it again as an admin");
            }
            throw e;
        }
        for (Key other : admin.listKeys(USER)) {
            if (!other.accessKeyId().equals(key.id())) {
                admin.deleteKey(other.accessKeyId());
            }
        }
    }

    private AccessKey stored(ObjectStoreAccess store) {
        String namespace = store.names().namespace();
        String name = store.names().gitopsCredentialsSecret();
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            AccessKey generated = AccessKey.generate();
            Secret made = new SecretBuilder().withMetadata(OwnedMetadata.of(store.store(), name)).withType("Opaque")
                    .withData(new TreeMap<>(Map.of(ACCESS_KEY, SecretData.encode(generated.id()),
                            SECRET_KEY, SecretData.encode(generated.secret())))).build();
            try {
                secret = client.secrets().inNamespace(namespace).resource(made).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                secret = client.secrets().inNamespace(namespace).withName(name).get();
            }
        }
        String id = SecretData.decode(secret, ACCESS_KEY);
        String value = SecretData.decode(secret, SECRET_KEY);
        if (id == null || id.isBlank() || value == null || value.isBlank()) {
            throw new BackendException(BackendException.Reason.INVALID, "Secret " + namespace + "/" + name + " lacks "
                    + ACCESS_KEY + " or " + SECRET_KEY + ": delete it and the operator makes a new key");
        }
        return new AccessKey(id, value);
    }
}
