package io.stowage.kube.cosi;

import io.stowage.backend.BucketBackend;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.BackendResolver;
import java.util.Optional;

/**
 * Backends named by Secret through the Kubernetes API, and a default one for classes that name none.
 *
 * @param resolver reads named backend Secrets, or null where the driver has no Kubernetes client
 * @param defaultBackend the backend of classes that name none, or null for none
 */
public record ResolvedCosiBackends(BackendResolver resolver, BucketBackend defaultBackend) implements CosiBackends {

    @Override
    public BucketBackend backend(Optional<BackendRef> ref) throws CosiException {
        if (ref.isEmpty()) {
            if (defaultBackend == null) {
                throw new CosiException(CosiException.Code.FAILED_PRECONDITION,
                        "the BucketClass names no backendSecret and the driver has no default backend");
            }
            return defaultBackend;
        }
        if (resolver == null) {
            throw new CosiException(CosiException.Code.FAILED_PRECONDITION, "the BucketClass names backendSecret "
                    + ref.get() + ", but this driver runs without access to the Kubernetes API");
        }
        try {
            return resolver.backend(ref.get());
        } catch (MissingReferenceException e) {
            throw new CosiException(CosiException.Code.FAILED_PRECONDITION, e.getMessage(), e);
        }
    }
}
