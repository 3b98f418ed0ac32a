package io.stowage.kube.cosi.v1alpha1;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.stowage.kube.cosi.CosiEndpoint;
import io.stowage.kube.cosi.CosiProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The COSI v1alpha1 driver's gRPC server (Identity and Provisioner) on its unix socket. A socket file left
 * by an earlier run is removed at start, and the socket at stop. Calls run on virtual threads: they
 * block on the backend's admin API.
 */
public final class CosiDriverServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CosiDriverServer.class);
    /** How long calls in flight may run on at stop; the sidecar retries what is cut. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final CosiEndpoint endpoint;
    private final Server server;
    private final EventLoopGroup eventLoops;
    private final ExecutorService executor;
    private boolean closed;

    private CosiDriverServer(CosiEndpoint endpoint, Server server, EventLoopGroup eventLoops, ExecutorService executor) {
        this.endpoint = endpoint;
        this.server = server;
        this.eventLoops = eventLoops;
        this.executor = executor;
    }

    /**
     * @throws IllegalArgumentException when the socket's directory does not exist
     * @throws IOException when the socket cannot be bound
     */
    public static CosiDriverServer start(CosiEndpoint endpoint, CosiProvisioner provisioner) throws IOException {
        endpoint.checkDirectory();
        if (!Epoll.isAvailable()) {
            throw new IOException("unix sockets need epoll, which is not available here: " + Epoll.unavailabilityCause());
        }
        if (Files.isDirectory(endpoint.socket())) {
            throw new IllegalArgumentException("the COSI socket path " + endpoint.socket() + " is a directory");
        }
        if (Files.deleteIfExists(endpoint.socket())) {
            LOG.info("Removed the stale COSI socket {}", endpoint.socket());
        }
        EventLoopGroup eventLoops = new EpollEventLoopGroup(1);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        Server server = NettyServerBuilder.forAddress(new DomainSocketAddress(endpoint.socket().toFile()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(eventLoops)
                .workerEventLoopGroup(eventLoops)
                .executor(executor)
                .addService(new IdentityService(provisioner))
                .addService(new ProvisionerService(provisioner))
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            executor.close();
            throw e;
        }
        LOG.info("COSI driver {} serving COSI v1alpha1 on {}", provisioner.driverName(), endpoint);
        return new CosiDriverServer(endpoint, server, eventLoops, executor);
    }

    public CosiEndpoint endpoint() {
        return endpoint;
    }

    /** Stops taking calls, lets those in flight finish (up to a grace period), and removes the socket. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping the COSI driver on {}", endpoint);
        server.shutdown();
        try {
            if (!server.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        eventLoops.shutdownGracefully(0, GRACE.toSeconds(), TimeUnit.SECONDS).syncUninterruptibly();
        executor.close();
        try {
            Files.deleteIfExists(endpoint.socket());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the COSI socket " + endpoint.socket(), e);
        }
        LOG.info("COSI driver stopped");
    }
}
