package io.stowage.kube.secretclaim;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The informer's cache of Secrets, holding only the annotated ones. Users annotate Secrets, so no label
 * selector can narrow the watch: the API server sends every Secret of the watched namespaces (the list
 * at start, then each change), and each is decoded once. Without this store the informer would also keep
 * every one of them (service account tokens, Helm releases of several hundred KB, TLS keys) for the
 * operator's lifetime; with it, an unannotated Secret is dropped as soon as it is seen.
 *
 * <p>Not full state: a dropped Secret that changes comes back as a new one, which {@link ClaimSecretFilter}
 * discards; a Secret whose annotation is removed leaves the store.
 */
public final class ClaimSecretStore implements ItemStore<Secret> {

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

    @Override
    public String getKey(Secret secret) {
        return Cache.metaNamespaceKeyFunc(secret);
    }

    @Override
    public Secret put(String key, Secret secret) {
        return ClaimAnnotations.enabled(secret) ? secrets.put(key, secret) : secrets.remove(key);
    }

    @Override
    public Secret remove(String key) {
        return secrets.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return secrets.keySet().stream();
    }

    @Override
    public Stream<Secret> values() {
        return secrets.values().stream();
    }

    @Override
    public int size() {
        return secrets.size();
    }

    @Override
    public Secret get(String key) {
        return secrets.get(key);
    }

    /** Full state would make the informer defer adds at start and look them up here, where the dropped are not. */
    @Override
    public boolean isFullState() {
        return false;
    }
}
