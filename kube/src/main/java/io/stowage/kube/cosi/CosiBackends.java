package io.stowage.kube.cosi;

import io.stowage.backend.BucketBackend;
import io.stowage.kube.provision.BackendRef;
import java.util.Optional;

/** Finds the backend a BucketClass names, or the driver's default one when it names none. */
public interface CosiBackends {

    /**
     * @throws CosiException FAILED_PRECONDITION when the Secret is missing or wrong, or when no backend is
     *     named and the driver has no default
     */
    BucketBackend backend(Optional<BackendRef> ref) throws CosiException;
}
