package io.stowage.kube.provision;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An informer's cache of Secrets that holds only the ones a front end cares for. Users do not label the Secrets a front
 * end reads (annotated claim Secrets, an S3User's key Secret), so no label selector can narrow the watch: the API server
 * sends every Secret of the watched namespaces (the list at start, then each change), and each is decoded once. Without
 * this store the informer would also keep every one of them (service account tokens, Helm releases of several hundred KB,
 * TLS keys) for the operator's lifetime; with it, a Secret not selected is dropped as soon as it is seen.
 *
 * <p>Not full state: a dropped Secret that changes comes back as a new one, and its event is the front end's to filter
 * or map; a Secret no longer selected leaves the store at its next change.
 */
public class SelectedSecretStore implements ItemStore<Secret> {

    private final Predicate<Secret> selected;
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

    public SelectedSecretStore(Predicate<Secret> selected) {
        this.selected = selected;
    }

    @Override
    public final String getKey(Secret secret) {
        return Cache.metaNamespaceKeyFunc(secret);
    }

    @Override
    public final Secret put(String key, Secret secret) {
        return selected.test(secret) ? secrets.put(key, secret) : secrets.remove(key);
    }

    @Override
    public final Secret remove(String key) {
        return secrets.remove(key);
    }

    @Override
    public final Stream<String> keySet() {
        return secrets.keySet().stream();
    }

    @Override
    public final Stream<Secret> values() {
        return secrets.values().stream();
    }

    @Override
    public final int size() {
        return secrets.size();
    }

    @Override
    public final Secret get(String key) {
        return secrets.get(key);
    }

    /** Full state would make the informer defer adds at start and look them up here, where the dropped are not. */
    @Override
    public final boolean isFullState() {
        return false;
    }
}
