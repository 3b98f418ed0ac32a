package io.stowage.csi;

import io.grpc.BindableService;
import io.stowage.grpc.UnixSocketGrpcServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSI plugin's gRPC server on its unix socket: Identity always, with the Controller and/or Node services
 * this process runs.
 */
public final class CsiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CsiServer.class);

    private final CsiEndpoint endpoint;
    private final UnixSocketGrpcServer server;

    private CsiServer(CsiEndpoint endpoint, UnixSocketGrpcServer server) {
        this.endpoint = endpoint;
        this.server = server;
    }

    /**
     * @param services the Controller and/or Node services to serve beside Identity
     * @throws IllegalArgumentException when the socket's directory does not exist or the socket path is a directory
     * @throws IOException when the socket cannot be bound
     */
    public static CsiServer start(CsiEndpoint endpoint, IdentityService identity, List<? extends BindableService> services)
            throws IOException {
        List<BindableService> all = new ArrayList<>(services);
        all.addFirst(identity);
        UnixSocketGrpcServer server = UnixSocketGrpcServer.start(endpoint.socket(), all);
        LOG.info("CSI driver {} serving {} on {}", identity.driverName(), server.services(), endpoint);
        return new CsiServer(endpoint, server);
    }

    public CsiEndpoint endpoint() {
        return endpoint;
    }

    /** Stops taking calls, lets those in flight finish (up to a grace period), and removes the socket. */
    @Override
    public void close() {
        LOG.info("Stopping the CSI driver on {}", endpoint);
        server.close();
        LOG.info("CSI driver stopped");
    }
}
