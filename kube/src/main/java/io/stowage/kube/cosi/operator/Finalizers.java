package io.stowage.kube.cosi.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;

/** Adds and removes finalizers on the object as the API server has it, by patch: no update of a stale copy. */
final class Finalizers {

    private Finalizers() {
    }

    /** Adds the finalizer unless the object has it; an object marked for deletion takes no new one. */
    static <T extends HasMetadata> void add(Resource<T> resource, String finalizer) {
        T current = resource.get();
        if (current != null && !current.hasFinalizer(finalizer) && !current.isMarkedForDeletion()) {
            resource.edit(o -> {
                o.addFinalizer(finalizer);
                return o;
            });
        }
    }

    /** Removes the finalizer; an object that is gone, or lacks it, is left as it is. */
    static <T extends HasMetadata> void remove(Resource<T> resource, String finalizer) {
        T current = resource.get();
        if (current == null || !current.hasFinalizer(finalizer)) {
            return;
        }
        try {
            resource.edit(o -> {
                o.removeFinalizer(finalizer);
                return o;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }
}
