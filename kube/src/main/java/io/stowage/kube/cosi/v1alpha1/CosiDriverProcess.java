package io.stowage.kube.cosi.v1alpha1;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.InvalidBackendSettingsException;
import io.stowage.kube.cosi.CosiDriverSettings;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.ResolvedCosiBackends;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.MountedSecret;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The COSI driver as a process: its default backend from a mounted Secret, a Kubernetes client for the
 * backend Secrets BucketClasses name, and the gRPC server. `stowage cosi-driver` starts it and closes it
 * on SIGTERM.
 */
public final class CosiDriverProcess implements AutoCloseable {

    private final CosiDriverServer server;
    private final BucketBackend defaultBackend;
    private final KubernetesClient client;
    private final BackendResolver resolver;
    private boolean closed;

    private CosiDriverProcess(CosiDriverServer server, BucketBackend defaultBackend, KubernetesClient client,
                              BackendResolver resolver) {
        this.server = server;
        this.defaultBackend = defaultBackend;
        this.client = client;
        this.resolver = resolver;
    }

    /**
     * @throws IllegalArgumentException when the driver name, the socket's directory or the mounted backend
     *     Secret's settings are wrong (the message says which)
     * @throws IOException when the mounted Secret cannot be read or the socket cannot be bound
     */
    public static CosiDriverProcess start(CosiDriverSettings settings) throws IOException {
        BucketBackend defaultBackend = null;
        KubernetesClient client = null;
        BackendResolver resolver = null;
        try {
            if (settings.backendDir().isPresent()) {
                defaultBackend = BucketBackends.open(backendSettings(settings.backendDir().get()));
            }
            if (settings.kubernetes()) {
                client = new KubernetesClientBuilder().build();
                resolver = new BackendResolver(client);
            }
            CosiProvisioner provisioner = new CosiProvisioner(settings.driverName(),
                    new ResolvedCosiBackends(resolver, defaultBackend), settings.backendNamespace());
            CosiDriverServer server = CosiDriverServer.start(settings.endpoint(), provisioner);
            return new CosiDriverProcess(server, defaultBackend, client, resolver);
        } catch (IOException | RuntimeException e) {
            closeBackends(defaultBackend, client, resolver);
            throw e;
        }
    }

    private static BackendSettings backendSettings(Path dir) throws IOException {
        try {
            return BackendSettings.fromSecretData(MountedSecret.read(dir));
        } catch (InvalidBackendSettingsException e) {
            throw new IllegalArgumentException("backend Secret in " + dir + ": " + e.getMessage(), e);
        }
    }

    public CosiDriverServer server() {
        return server;
    }

    /** Stops the server (calls in flight finish), then closes the backends. Only the first call does anything. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        closeBackends(defaultBackend, client, resolver);
    }

    private static void closeBackends(BucketBackend defaultBackend, KubernetesClient client, BackendResolver resolver) {
        if (resolver != null) {
            resolver.close();
        }
        if (client != null) {
            client.close();
        }
        if (defaultBackend != null) {
            defaultBackend.close();
        }
    }
}
