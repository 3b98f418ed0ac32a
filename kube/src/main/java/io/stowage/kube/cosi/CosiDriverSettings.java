package io.stowage.kube.cosi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What `stowage cosi-driver` runs with.
 *
 * @param backendDir a mounted backend Secret: the backend of BucketClasses that name no {@code backendSecret}
 * @param kubernetes whether to read the backend Secrets BucketClasses name through the Kubernetes API
 * @param backendNamespace the namespace of a {@code backendSecret} given without one
 */
public record CosiDriverSettings(CosiEndpoint endpoint, String driverName, Optional<Path> backendDir, boolean kubernetes,
                                 String backendNamespace) {

    public CosiDriverSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(driverName, "driverName");
        Objects.requireNonNull(backendDir, "backendDir");
        Objects.requireNonNull(backendNamespace, "backendNamespace");
        if (backendDir.isEmpty() && !kubernetes) {
            throw new IllegalArgumentException("the driver needs a backend: give --backend-dir (a mounted backend Secret),"
                    + " --kubernetes (backend Secrets named by BucketClasses), or both");
        }
    }
}
