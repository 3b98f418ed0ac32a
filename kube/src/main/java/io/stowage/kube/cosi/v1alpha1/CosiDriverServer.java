package io.stowage.kube.cosi.v1alpha1;

import io.stowage.grpc.UnixSocketGrpcServer;
import io.stowage.kube.cosi.CosiEndpoint;
import io.stowage.kube.cosi.CosiProvisioner;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The COSI v1alpha1 driver's gRPC server (Identity and Provisioner) on its unix socket. */
public final class CosiDriverServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CosiDriverServer.class);

    private final CosiEndpoint endpoint;
    private final UnixSocketGrpcServer server;

    private CosiDriverServer(CosiEndpoint endpoint, UnixSocketGrpcServer server) {
        this.endpoint = endpoint;
        this.server = server;
    }

    /**
     * @throws IllegalArgumentException when the socket's directory does not exist
     * @throws IOException when the socket cannot be bound
     */
    public static CosiDriverServer start(CosiEndpoint endpoint, CosiProvisioner provisioner) throws IOException {
        UnixSocketGrpcServer server = UnixSocketGrpcServer.start(endpoint.socket(),
                List.of(new IdentityService(provisioner), new ProvisionerService(provisioner)));
        LOG.info("COSI driver {} serving COSI v1alpha1 on {}", provisioner.driverName(), endpoint);
        return new CosiDriverServer(endpoint, server);
    }

    public CosiEndpoint endpoint() {
        return endpoint;
    }

    /** Stops taking calls, lets those in flight finish (up to a grace period), and removes the socket. */
    @Override
    public void close() {
        LOG.info("Stopping the COSI driver on {}", endpoint);
        server.close();
        LOG.info("COSI driver stopped");
    }
}
