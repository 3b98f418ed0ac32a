package io.stowage.kube.provision;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.InvalidBackendSettingsException;
import io.stowage.kube.model.MissingReferenceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Opens the backend a backend Secret configures, once per version of that Secret: a changed Secret (a
 * new token, a new endpoint) takes effect on the next call, and the backend it replaces is closed. An ObjectStore's
 * backend, which no Secret configures, is opened once per version of its settings.
 */
public final class BackendResolver implements AutoCloseable {

    /** @param version the backend Secret's resourceVersion, or the settings of an ObjectStore's backend */
    private record Opened(Object version, BucketBackend backend) {
    }

    private record StoreKey(String namespace, String name) {
    }

    private final KubernetesClient client;
    private final Function<BackendSettings, BucketBackend> opener;
    private final Map<Object, Opened> opened = new ConcurrentHashMap<>();

    public BackendResolver(KubernetesClient client) {
        this(client, BucketBackends::open);
    }

    /** @param opener opens the backend that settings describe (tests wrap what it opens) */
    public BackendResolver(KubernetesClient client, Function<BackendSettings, BucketBackend> opener) {
        this.client = client;
        this.opener = opener;
    }

    /**
     * The backend the Secret configures.
     *
     * @throws MissingReferenceException when the Secret is missing or its settings are wrong (the message
     *     says which), which the user fixes outside the claim
     */
    public BucketBackend backend(BackendRef ref) throws MissingReferenceException {
        Secret secret = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get();
        if (secret == null) {
            throw new MissingReferenceException("backend Secret " + ref + " does not exist");
        }
        String version = secret.getMetadata().getResourceVersion();
        Opened current = opened.get(ref);
        if (current != null && current.version().equals(version)) {
            return current.backend();
        }
        BackendSettings settings;
        try {
            settings = BackendSettings.fromSecretData(data(secret));
        } catch (InvalidBackendSettingsException e) {
            throw new MissingReferenceException("backend Secret " + ref + ": " + e.getMessage());
        }
        return open(ref, version, settings);
    }

    /** The backend of an ObjectStore of the operator's, which these settings describe (they are its version). */
    public BucketBackend backend(ObjectStoreAccess store, BackendSettings settings) {
        return open(new StoreKey(store.names().namespace(), store.names().name()), settings, settings);
    }

    private BucketBackend open(Object key, Object version, BackendSettings settings) {
        // Atomic per backend: reconciles running side by side open one backend, not one each that the
        // next would close under the other.
        return opened.compute(key, (k, known) -> {
            if (known != null && known.version().equals(version)) {
                return known;
            }
            if (known != null) {
                known.backend().close();
            }
            return new Opened(version, opener.apply(settings));
        }).backend();
    }

    /** A Secret's values, decoded: {@code data} (base64) and {@code stringData} (which a server folds into data). */
    public static Map<String, String> data(Secret secret) {
        Map<String, String> values = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    @Override
    public void close() {
        opened.values().forEach(o -> o.backend().close());
        opened.clear();
    }
}
